using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// <c>POST /boxes/{id}/scans</c>: multipart/form-data with the ZIP as <c>archive</c> and the scan protocol as form
/// fields (operator, scannedAt, deviceMake, deviceModel, deviceSerial, resolutionDpi, colourMode, format,
/// compression, optional documents and pages as counted by the company), imported by <see cref="ImportReturnedScans"/>.
/// </summary>
internal static class ScanImportEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/boxes/{id:guid}/scans", async Task<Created<ImportedScans>> (Guid id, HttpContext http, ImportReturnedScans import, CancellationToken ct) =>
        {
            // The upload may be as large as its content uncompressed plus the archive's headers; the form is
            // buffered to a temporary file by ASP.NET Core (ZIP needs a seekable stream).
            var maxUpload = import.MaxUploadBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = maxUpload;
            }

            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = maxUpload }));
            if (!http.Request.HasFormContentType)
            {
                throw CasesProblems.ScanFormExpected();
            }

            var form = await http.Request.ReadFormAsync(ct);
            var archive = form.Files.GetFile("archive");
            var imported = await import.ExecuteAsync(new ImportReturnedScansRequest(id, ScanProtocolFields.From(name => form[name].ToString()),
                archive is null ? null : archive.OpenReadStream), ct);
            return TypedResults.Created($"/api/cases/legacy/batches/{imported.Id}", imported);
        }).DisableAntiforgery();
    }
}

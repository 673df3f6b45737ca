using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>Printing cover sheets over HTTP: maps to <see cref="CreateCoverSheet"/> and <see cref="PrintCoverSheet"/> (docs/adr/0012).</summary>
internal static class CoverSheetEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte: scan center").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/cover-sheets", async Task<Created<CoverSheetCreated>> (Guid id, CoverSheetRequest request, CreateCoverSheet create,
            CancellationToken ct) =>
        {
            var sheet = await create.ExecuteAsync(new CreateCoverSheetRequest(id, request), ct);
            return TypedResults.Created($"/api/cases/cover-sheets/{sheet.Id}/pdf", new CoverSheetCreated(sheet.Id, $"api/cases/cover-sheets/{sheet.Id}/pdf"));
        });

        group.MapGet("/cover-sheets/{id:guid}/pdf", async Task<FileContentHttpResult> (Guid id, PrintCoverSheet print, HttpResponse response, CancellationToken ct) =>
        {
            var printed = await print.ExecuteAsync(new PrintCoverSheetRequest(id), ct);
            response.Headers.ContentDisposition = printed.ContentDisposition;
            return TypedResults.File(printed.Pdf, "application/pdf");
        });
    }
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>The body of <c>POST /api/cases/files/{id}/transfer</c>.</summary>
/// <param name="OutsideAuthority">Instead of <paramref name="ToAuthority"/>: the name of a receiving body outside the platform, which gets the package as a download.</param>
internal sealed record TransferRequest(string? ToAuthority, string? Reason, string? OutsideAuthority = null);

/// <summary>
/// The hand-over API (README.md in this folder): each endpoint maps HTTP to its use case and back (docs/adr/0012);
/// the workbench pages call the same use cases.
/// </summary>
internal static class TransferEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("/files/{id:guid}/transfer", async Task<Created<TransferSent>> (Guid id, TransferRequest request, HandOverFile handOver,
            CancellationToken ct) =>
        {
            var sent = await handOver.ExecuteAsync(new HandOverFileRequest(id, request.ToAuthority, request.Reason, request.OutsideAuthority), ct);
            return TypedResults.Created($"/api/cases/transfers/{sent.Id}/package", sent);
        });

        group.MapGet("/transfers", async Task<Ok<IReadOnlyList<TransferRow>>> (Guid? file, ListTransfers list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(new ListTransfersRequest(file), ct)));

        group.MapGet("/transfers/{id:guid}", async Task<Ok<TransferView>> (Guid id, ReadTransfer read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadTransferRequest(id, ReadVia.Api), ct)));

        group.MapGet("/transfers/{id:guid}/package", async Task<FileStreamHttpResult> (Guid id, OpenTransferPackage open, CancellationToken ct) =>
        {
            var package = await open.ExecuteAsync(new OpenTransferPackageRequest(id, ReadVia.Api), ct);
            return TypedResults.Stream(package.Content, OpenTransferPackage.ContentType, package.FileName);
        });

        group.MapGet("/transfers/{id:guid}/confirmations/{type}", async Task<FileContentHttpResult> (Guid id, string type, OpenTransferConfirmation open,
            CancellationToken ct) =>
        {
            var confirmation = await open.ExecuteAsync(new OpenTransferConfirmationRequest(id, type, ReadVia.Api), ct);
            return TypedResults.File(confirmation.Content, OpenTransferConfirmation.ContentType, confirmation.FileName);
        });

        group.MapPost("/transfers/{id:guid}/confirmations", async Task<Created<TransferConfirmationRecorded>> (Guid id, HttpRequest request,
            RecordTransferConfirmation record, CancellationToken ct) =>
        {
            var upload = await TransferUpload.ReadAsync(request, TransferUpload.ConfirmationLimits, ct);
            await using var message = upload.OpenReadStream();
            var recorded = await record.ExecuteAsync(new RecordTransferConfirmationRequest(id, message), ct);
            return TypedResults.Created($"/api/cases/transfers/{id}/confirmations/{recorded.MessageType}", recorded);
        }).DisableAntiforgery();

        group.MapPost("/transfers/import", async Task<Created<TransferReceived>> (HttpRequest request, ImportTransferPackage import,
            IOptions<CasesOptions> settings, CancellationToken ct) =>
        {
            var upload = await TransferUpload.ReadAsync(request, TransferLimits.From(settings.Value), ct);
            await using var package = upload.OpenReadStream();
            var received = await import.ExecuteAsync(new ImportTransferPackageRequest(package), ct);
            return TypedResults.Created($"/api/cases/files/{received.File.Id}", received);
        }).DisableAntiforgery();
    }
}

/// <summary>Reading a package upload (field <c>file</c>) within the package limits: the API's form, and the workbench's file input.</summary>
internal static class TransferUpload
{
    /// <summary>An xdomea confirmation (0402, 0403) is a few kilobytes: one upload of at most a few MiB.</summary>
    public static readonly TransferLimits ConfirmationLimits = new(1, Xdomea.TransferConfirmation.MaxCharacters);

    public static async Task<IFormFile> ReadAsync(HttpRequest request, TransferLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (!request.HasFormContentType)
        {
            throw CasesProblems.PackageFormExpected();
        }

        if (request.ContentLength > limits.MaxPackageBytes)
        {
            throw TransferPackageReader.TooLarge($"The request has {request.ContentLength} bytes; a package may have at most {limits.MaxPackageBytes}.");
        }

        // Packages are larger than ordinary uploads: this endpoint alone accepts up to the package limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxPackageBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxPackageBytes }, ct);
        }
        catch (InvalidDataException ex)
        {
            throw CasesProblems.InvalidForm(ex.Message);
        }

        return Checked(form.Files.GetFile("file"), limits);
    }

    /// <summary>A package that is there, not empty and within the limit.</summary>
    public static IFormFile Checked(IFormFile? upload, TransferLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (upload is null)
        {
            throw CasesProblems.PackageMissing();
        }

        if (upload.Length == 0)
        {
            throw TransferPackageReader.InvalidPackage("The package is empty.");
        }

        return upload.Length <= limits.MaxPackageBytes
            ? upload
            : throw TransferPackageReader.TooLarge($"The package has {upload.Length} bytes; at most {limits.MaxPackageBytes} are accepted.");
    }
}

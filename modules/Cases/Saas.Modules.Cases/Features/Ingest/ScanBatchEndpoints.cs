using Saas.Modules.Cases.Features.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>The scan center's batches over HTTP; each endpoint maps to its use case (docs/adr/0012).</summary>
internal static class ScanBatchEndpoints
{
    /// <summary>Batches per API request (the workbench shows <see cref="Keyset.PageSize"/>).</summary>
    public const int ApiPageSize = 100;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/scan-batches").WithTags("e-Akte: scan center").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("", async Task<Accepted<ScanBatchView>> (HttpRequest request, ReceiveScanBatch receive, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                throw Problem.BadRequest("form-expected");
            }

            var form = await request.ReadFormAsync(ct);
            var batch = await receive.ExecuteAsync(new ReceiveScanBatchRequest(form.Files.GetFile("file")), ct);
            return TypedResults.Accepted($"/api/cases/scan-batches/{batch.Id}", ScanBatchView.Of(batch));
        }).DisableAntiforgery();

        // Newest first, up to 100 per request; a Link header (rel="next") names the next page.
        group.MapGet("", async Task<Ok<IEnumerable<ScanBatchView>>> (string? after, HttpContext http, ListScanBatches list, CancellationToken ct) =>
        {
            var page = await list.ExecuteAsync(after, ApiPageSize, ct);
            Keyset.Describe(http, page, new Dictionary<string, string?>());
            return TypedResults.Ok(page.Items.Select(ScanBatchView.Of));
        });

        group.MapGet("/{id:guid}", async Task<Ok<ScanBatchDetail>> (Guid id, ReadScanBatch read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadScanBatchRequest(id, ReadVia.Api), ct)));

        group.MapPost("/{id:guid}/retry", async Task<Accepted<ScanBatchView>> (Guid id, RetryScanBatch retry, CancellationToken ct) =>
        {
            var batch = await retry.ExecuteAsync(id, ct);
            return TypedResults.Accepted($"/api/cases/scan-batches/{batch.Id}", ScanBatchView.Of(batch));
        });
    }
}

/// <summary>Limits of the scan path, from configuration (Cases:Ingest:…).</summary>
internal sealed record IngestOptions(long MaxBatchBytes, int MaxEntries, long MaxUnpackedBytes, int MaxPages, Text.ToolLimits Tools, ImageLimits Images)
{
    public static IngestOptions From(CasesOptions settings) => new(
        settings.Ingest.MaxBatchBytes, settings.Ingest.MaxEntries, settings.Ingest.MaxUnpackedBytes, settings.Ingest.MaxPages,
        Text.ToolLimits.Of(settings, TimeSpan.FromSeconds(settings.Ingest.ToolTimeoutSeconds)), ImageLimits.From(settings));

    public ZipLimits Zip => new(MaxEntries, MaxUnpackedBytes);
}

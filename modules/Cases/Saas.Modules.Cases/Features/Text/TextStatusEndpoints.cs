using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>Text extraction is visible per document, and a failed one can be started again (docs/adr/0012: HTTP only).</summary>
internal static class TextStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/documents").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapGet("/{id:guid}/text", async Task<Ok<TextStatus>> (Guid id, ReadTextStatus read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(id, ct)));

        group.MapPost("/{id:guid}/text/retry", async Task<Accepted> (Guid id, RetryTextExtraction retry, CancellationToken ct) =>
        {
            await retry.ExecuteAsync(new RetryTextExtractionRequest(id), ct);
            return TypedResults.Accepted((string?)null);
        });
    }
}

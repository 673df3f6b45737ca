using Microsoft.AspNetCore.Http.HttpResults;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The body of <c>POST /batches/{id}/findings</c>.</summary>
internal sealed record RecordFindingsBody(FindingRequest[]? Findings, string? Reason);

/// <summary>The quality check of a delivered batch and its scan protocol. HTTP ↔ use case only (docs/adr/0012).</summary>
internal static class QaEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/batches/{id:guid}", async Task<Ok<BatchView>> (Guid id, ReadBatch read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadBatchRequest(id, ReadVia.Api), ct)));

        group.MapPost("/batches/{id:guid}/findings", async Task<Ok<QaProgress>> (Guid id, RecordFindingsBody body, RecordQaFindings record, CancellationToken ct) =>
            TypedResults.Ok(await record.ExecuteAsync(new RecordQaFindingsRequest(id, body.Findings, body.Reason), ct)));

        group.MapGet("/batches/{id:guid}/protocol", async Task<Ok<ProtocolView>> (Guid id, ReadProtocol read, ITexts texts, CancellationToken ct) =>
            TypedResults.Ok(ProtocolView.Of(await read.ExecuteAsync(new ReadProtocolRequest(id, ReadVia.Api), ct), texts["cases.legacy.protocol.standard"])));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The body of <c>POST /boxes/{id}/sent</c>.</summary>
internal sealed record MarkSentBody(string? Vendor, DateTimeOffset? SentAt);

/// <summary>The body of <c>POST /boxes/{id}/returned</c>.</summary>
internal sealed record MarkReturnedBody(DateTimeOffset? ReturnedAt);

/// <summary>Boxes of paper files for the scanning company: pack, list, read, send, paper returned. HTTP ↔ use case only (docs/adr/0012).</summary>
internal static class BoxEndpoints
{
    /// <summary>Boxes per API request.</summary>
    public const int ApiPageSize = 200;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/boxes", async Task<Created<BoxView>> (CreateBoxRequest request, CreateBox create, CancellationToken ct) =>
        {
            var box = await create.ExecuteAsync(request, ct);
            return TypedResults.Created($"/api/cases/legacy/boxes/{box.Id}", box);
        });

        // Newest packed first, up to 200 per request; a Link header (rel="next") names the next page.
        group.MapGet("/boxes", async Task<Ok<IEnumerable<BoxListItem>>> (string? status, string? after, HttpContext http, ListBoxes list, CancellationToken ct) =>
        {
            var page = await list.ExecuteAsync(new ListBoxesRequest(status, after, ApiPageSize), ct);
            Keyset.Describe(http, page, new Dictionary<string, string?> { ["status"] = string.IsNullOrEmpty(status) ? null : status });
            return TypedResults.Ok(page.Items.Select(BoxListItem.Of));
        });

        group.MapGet("/boxes/{id:guid}", async Task<Ok<BoxView>> (Guid id, ReadBox read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadBoxRequest(id, ReadVia.Api), ct)));

        group.MapPost("/boxes/{id:guid}/sent", async Task<Ok<BoxView>> (Guid id, MarkSentBody body, SendBox send, CancellationToken ct) =>
            TypedResults.Ok(await send.ExecuteAsync(new SendBoxRequest(id, body.Vendor, body.SentAt), ct)));

        group.MapPost("/boxes/{id:guid}/returned", async Task<Ok<BoxView>> (Guid id, MarkReturnedBody body, MarkBoxReturned returned, CancellationToken ct) =>
            TypedResults.Ok(await returned.ExecuteAsync(new MarkBoxReturnedRequest(id, body.ReturnedAt), ct)));
    }
}

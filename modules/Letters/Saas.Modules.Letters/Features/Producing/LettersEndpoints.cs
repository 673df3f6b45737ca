using Saas.Modules.Letters.Features.Rendering;

namespace Saas.Modules.Letters.Features.Producing;

/// <summary>A preview asked for over HTTP: a letter for a file, in a language, with values; answered with HTML or PDF.</summary>
internal sealed record PreviewLetterRequest(string Letter, Guid CaseFileId, string? Language, Dictionary<string, string>? Values, string? Format);

/// <summary>
/// The letters API for staff: the published letters (<c>GET /api/letters</c>) and a preview of one for a file
/// (<c>POST /api/letters/preview</c>, HTML by default or <c>format: pdf</c>), which files nothing.
/// </summary>
internal static class LettersEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/letters").WithTags("Letters").RequireAuthorization(SaasPolicies.Staff);

        group.MapGet("", async Task<Ok<IReadOnlyList<LetterView>>> (ListLetters list, CancellationToken ct) => TypedResults.Ok(await list.ExecuteAsync(ct)));

        group.MapPost("/preview", async Task<Results<ContentHttpResult, FileContentHttpResult>> (PreviewLetterRequest body, RenderLetter render, CancellationToken ct) =>
        {
            var letter = await render.ExecuteAsync(new LetterRequest(body.Letter, body.CaseFileId, null, body.Language, body.Values ?? []), ct);
            return body.Format == "pdf"
                ? TypedResults.File(letter.Pdf, "application/pdf", letter.FileName)
                : TypedResults.Content(letter.Html, "text/html; charset=utf-8");
        });
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Saas.Modules.Applications.Features.Portal;

namespace Saas.Modules.Applications.Features.Evidence;

/// <summary>What the API answers for a kept file: the id a submission's file field names, and what was recognised.</summary>
internal sealed record EvidenceView(Guid Id, string Form, string Field, string Name, string ContentType, long Bytes);

/// <summary>
/// <c>POST /api/applications/{form}/evidence</c> (public, like the submission it belongs to; counted against the client's
/// limit): one file as multipart (<c>file</c>) for the field named by <c>field</c>. 201 with the id the submission's
/// value names as <c>{"evidence": id, …}</c>; a file that is not taken is a 422 problem in the caller's language.
/// The body is read up to the largest evidence allowed plus 64 KB for the multipart framing.
/// </summary>
internal static class EvidenceEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/applications").WithTags("Applications")
            .MapPost("/{form}/evidence", async Task<Created<EvidenceView>> (string form, HttpRequest request, PublishedForms forms, KeepEvidence keep,
                IOptions<ApplicationsOptions> options, CancellationToken ct) =>
            {
                var published = await forms.GetAsync(form, ct);
                var max = options.Value.MaxEvidenceBytes + (64 * 1024);
                if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = max;
                }

                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = max, ValueCountLimit = 10 }));
                var posted = request.HasFormContentType ? await request.ReadFormAsync(ct) : throw ApplicationsProblems.EvidenceMissing();
                if (posted.Files.GetFile("file") is not { } file || posted.Files.Count != 1)
                {
                    throw ApplicationsProblems.EvidenceMissing();
                }

                var kept = await keep.ExecuteAsync(new KeepEvidenceRequest(published, posted["field"].ToString(), null, file.FileName, file.Length, file.OpenReadStream), ct);
                return TypedResults.Created($"/api/applications/{Uri.EscapeDataString(form)}/evidence/{kept.Id}",
                    new EvidenceView(kept.Id, kept.FormKey, kept.FieldPath, kept.Name, kept.ContentType, kept.Bytes));
            })
            .DisableAntiforgery()
            .RequireRateLimiting(Saas.Platform.Antibot.ClientLimits.Policy);
    }
}

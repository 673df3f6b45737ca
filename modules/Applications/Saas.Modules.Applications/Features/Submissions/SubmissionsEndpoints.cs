using Microsoft.AspNetCore.Mvc;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Features.Submissions;

/// <summary>The submission as the API's view: the receipt, and the accepted values.</summary>
internal sealed record SubmissionView(Guid Id, string Form, int FormVersion, string ReceiptNumber, DateTimeOffset SubmittedAt, string Language, JsonObject Values, bool Repeated);

/// <summary>
/// <c>POST /api/applications/{form}/submissions</c> (public, like the portal's form; an applicant's token makes it theirs): the values as JSON, the
/// <c>Idempotency-Key</c> header required; the same use case as the portal's submit. 201 with the receipt, 200 with the
/// same receipt for a repeat; RFC 9457 problems with every error by path.
/// </summary>
internal static class SubmissionsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/applications").WithTags("Applications");
        group.MapPost("/{form}/submissions", async Task<Results<Created<SubmissionView>, Ok<SubmissionView>>> (string form, [FromBody] JsonObject values,
            [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SubmitApplication submit, HttpContext http, CancellationToken ct) =>
        {
            // With an applicant's bearer token, the submission is theirs (docs/adr/0043); without one, a guest's.
            var receipt = await submit.ExecuteAsync(new SubmitApplicationRequest(form, values, idempotencyKey, L.Lang, Applicant: Accounts.SignedInApplicant.Of(http.User)), ct);
            var view = new SubmissionView(receipt.Id, receipt.Form, receipt.FormVersion, receipt.ReceiptNumber, receipt.SubmittedAt, receipt.Language, receipt.Answers, receipt.Repeated);
            return receipt.Repeated ? TypedResults.Ok(view) : TypedResults.Created($"/api/applications/{Uri.EscapeDataString(form)}/submissions/{receipt.ReceiptNumber}", view);
        });
    }
}

using Saas.Modules.Applications.Features.Accounts;
using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Features.Mailbox;

/// <summary>A message's text as a caller posts it.</summary>
internal sealed record MessageBody(string? Text);

/// <summary>
/// The mailbox through the API (docs/adr/0044). Staff: <c>GET|POST /api/applications/intake/{id}/messages</c> (read,
/// answer). The signed-in applicant: <c>GET|POST /api/applications/mine/{id}/messages</c> (a text; the portal's page also
/// takes a file). Another authority's or another applicant's submission is not found.
/// </summary>
internal static class MailboxEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var staff = endpoints.MapGroup("/api/applications/intake/{id:guid}/messages").WithTags("Applications: mailbox").RequireAuthorization(SaasPolicies.Staff);
        staff.MapGet("/", async Task<Ok<IReadOnlyList<MessageView>>> (Guid id, Mailbox mailbox, CancellationToken ct) =>
            TypedResults.Ok(await mailbox.ReadAsync(await mailbox.FindAsync(id, null, ct), asApplicant: false, ct)));
        staff.MapPost("/", async Task<Created<MessageView>> (Guid id, MessageBody body, HttpContext http, Mailbox mailbox, CancellationToken ct) =>
        {
            var submission = await mailbox.FindAsync(id, null, ct);
            var written = await mailbox.WriteAsAuthorityAsync(submission, http.User.FindFirst(SaasClaims.Subject)?.Value ?? "staff", body?.Text, ct);
            return TypedResults.Created($"/api/applications/intake/{id}/messages", (await mailbox.ReadAsync(submission, asApplicant: false, ct)).Single(m => m.Id == written.Id));
        });

        var mine = endpoints.MapGroup("/api/applications/mine/{id:guid}/messages").WithTags("Applications: mailbox").RequireAuthorization(SaasPolicies.Applicant);
        mine.MapGet("/", async Task<Ok<IReadOnlyList<MessageView>>> (Guid id, HttpContext http, Mailbox mailbox, CancellationToken ct) =>
            TypedResults.Ok(await mailbox.ReadAsync(await mailbox.FindAsync(id, Applicant(http), ct), asApplicant: true, ct)));
        mine.MapPost("/", async Task<Created<MessageView>> (Guid id, MessageBody body, HttpContext http, Mailbox mailbox, CancellationToken ct) =>
        {
            var applicant = Applicant(http);
            var submission = await mailbox.FindAsync(id, applicant, ct);
            var written = await mailbox.WriteAsApplicantAsync(submission, applicant.Subject, new ApplicantMessage(body?.Text), ct);
            return TypedResults.Created($"/api/applications/mine/{id}/messages", (await mailbox.ReadAsync(submission, asApplicant: true, ct)).Single(m => m.Id == written.Id));
        });
    }

    private static SignedInApplicant Applicant(HttpContext http) =>
        SignedInApplicant.Of(http.User) ?? throw new InvalidOperationException("The applicant policy let in someone who is no applicant.");
}

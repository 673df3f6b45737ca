using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Features.Accounts;

/// <summary>
/// The signed-in applicant's own applications through the API (docs/adr/0043), for an app beside the portal:
/// <c>GET /api/applications/mine</c> (drafts and submissions with their current status) and
/// <c>GET /api/applications/mine/{id}</c> (one submission with its timeline). Only an applicant's token is let in.
/// </summary>
internal static class AccountsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/applications/mine").WithTags("Applications: my applications").RequireAuthorization(SaasPolicies.Applicant);
        group.MapGet("/", async Task<Ok<MyApplicationsView>> (HttpContext http, MyApplications mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.ListAsync(Applicant(http), ct)));
        group.MapGet("/{id:guid}", async Task<Ok<MySubmissionDetail>> (Guid id, HttpContext http, MyApplications mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.OneAsync(Applicant(http), id, ct)));
    }

    // The policy let only an applicant with a subject in; anything else is a misconfigured policy, not a 404.
    private static SignedInApplicant Applicant(HttpContext http) =>
        SignedInApplicant.Of(http.User) ?? throw new InvalidOperationException("The applicant policy let in someone who is no applicant.");
}

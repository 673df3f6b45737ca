namespace Saas.Modules.Applications.Features.Accounts;

/// <summary>
/// Signed-in applicants (docs/adr/0043): their drafts and submissions under "Meine Anträge", each submission's status
/// timeline as its process drives it, and the trust level of their sign-in kept with what they submit.
/// </summary>
internal static class AccountsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ApplicantTimeline>();
        services.AddScoped<MyApplications>();
        services.AddScoped<ResumeDraft>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => AccountsEndpoints.Map(endpoints);
}

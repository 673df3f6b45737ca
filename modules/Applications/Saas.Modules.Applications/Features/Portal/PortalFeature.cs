namespace Saas.Modules.Applications.Features.Portal;

/// <summary>The portal's forms (docs/adr/0035): published forms, drafts by link, answers kept step by step, submission.</summary>
internal static class PortalFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<PublishedForms>();
        services.AddScoped<StartDraft>();
        services.AddScoped<ReadDraft>();
        services.AddScoped<SaveAnswers>();
        services.AddScoped<SendResumeLink>();
        services.AddScoped<Submissions.SubmitApplication>();
        services.AddScoped<Submissions.ReadSubmission>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => Submissions.SubmissionsEndpoints.Map(endpoints);
}

using Saas.Platform.Outbox;

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
        services.AddScoped<Evidence.KeepEvidence>();
        services.AddScoped<Saas.Platform.Storage.IBlobHolder, Evidence.EvidenceHolder>();
        services.AddScoped<Intake.FileSubmission>();
        services.AddScoped<Intake.ReadIntake>();
        services.AddScoped<Intake.ReadReceiptLetter>();
        services.AddIntegrationEventHandler<Contracts.ApplicationSubmitted, Intake.IntakeHandler>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Submissions.SubmissionsEndpoints.Map(endpoints);
        Evidence.EvidenceEndpoints.Map(endpoints);
        Intake.IntakeEndpoints.Map(endpoints);
    }
}

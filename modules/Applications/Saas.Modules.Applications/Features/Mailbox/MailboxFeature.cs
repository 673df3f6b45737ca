using Saas.Platform.Outbox;

namespace Saas.Modules.Applications.Features.Mailbox;

/// <summary>
/// The mailbox of a submission (docs/adr/0044): messages both ways between applicant and authority, a process's
/// notices among them, each message from the applicant filed into the case.
/// </summary>
internal static class MailboxFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<Mailbox>();
        services.AddScoped<FileMessage>();
        services.AddIntegrationEventHandler<Contracts.ApplicantMessageWritten, FileMessageHandler>();
        services.AddIntegrationEventHandler<Workflows.Contracts.ApplicantNotificationRequested, NoticeHandler>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => MailboxEndpoints.Map(endpoints);
}

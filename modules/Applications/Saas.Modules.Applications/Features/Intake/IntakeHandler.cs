using Saas.Modules.Applications.Contracts;
using Saas.Platform.Identity;
using Saas.Platform.Outbox;

namespace Saas.Modules.Applications.Features.Intake;

/// <summary>Files each accepted application as the job <c>applications-intake</c>, from the event its submission wrote (docs/adr/0042).</summary>
internal sealed class IntakeHandler(FileSubmission file, ICurrentActor actor) : IIntegrationEventHandler<ApplicationSubmitted>
{
    public async Task HandleAsync(ApplicationSubmitted integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        using var job = actor.BeginJob("applications-intake");
        await file.ExecuteAsync(integrationEvent.SubmissionId, null, ct);
    }
}

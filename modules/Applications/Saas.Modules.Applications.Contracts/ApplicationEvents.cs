namespace Saas.Modules.Applications.Contracts;

/// <summary>
/// An application was accepted (portal or API) and stored with its receipt; written in the submission's transaction.
/// Applications itself files it into the e-Akte from here (docs/adr/0042); other modules may listen too.
/// </summary>
public sealed record ApplicationSubmitted(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid SubmissionId, string Form, string ReceiptNumber)
    : Saas.Platform.Outbox.IIntegrationEvent;

namespace Saas.Modules.Applications.Contracts;

/// <summary>
/// An application was accepted (portal or API) and stored with its receipt; written in the submission's transaction.
/// Applications itself files it into the e-Akte from here (docs/adr/0042); other modules may listen too.
/// </summary>
public sealed record ApplicationSubmitted(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid SubmissionId, string Form, string ReceiptNumber)
    : Saas.Platform.Outbox.IIntegrationEvent;

/// <summary>An applicant wrote to the authority in a submission's mailbox (docs/adr/0044); Applications files it into the case from here.</summary>
public sealed record ApplicantMessageWritten(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid MessageId, Guid SubmissionId)
    : Saas.Platform.Outbox.IIntegrationEvent;

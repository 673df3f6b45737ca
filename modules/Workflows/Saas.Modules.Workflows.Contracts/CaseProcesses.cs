namespace Saas.Modules.Workflows.Contracts;

/// <summary>A case's process as other modules see it: which process, in which version it runs, where it stands.</summary>
public sealed record CaseProcessSummary(Guid InstanceId, Guid CaseId, Guid CaseFileId, string Process, int Version, string State, bool Finished);

/// <summary>
/// What an applicant is told about their case, in the order of the portal's timeline. A process state names one
/// (<c>applicantStatus</c>); the caseworkers' own states stay inside the authority.
/// </summary>
public static class ApplicantStatuses
{
    public const string Received = "received";
    public const string InReview = "in-review";
    public const string EvidenceRequested = "evidence-requested";
    public const string AppointmentNeeded = "appointment-needed";
    public const string Decided = "decided";
    public const string CardReady = "card-ready";

    public static IReadOnlyList<string> All { get; } = [Received, InReview, EvidenceRequested, AppointmentNeeded, Decided, CardReady];
}

/// <summary>One entry of the applicant's timeline: the status the case entered, and when.</summary>
public sealed record ApplicantStatusEntry(string Status, DateTimeOffset At);

/// <summary>
/// How other modules start and read a case's process (online applications start one on submission). Each call is
/// the use case a caseworker's click runs: audited, and answered with Workflows' problems when it cannot be done.
/// </summary>
public interface ICaseProcesses
{
    /// <summary>Starts the published version of <paramref name="process"/> for an open case of the e-Akte.</summary>
    Task<CaseProcessSummary> StartAsync(Guid caseId, string process, string? legalBasis = null, CancellationToken ct = default);

    Task<CaseProcessSummary?> FindByCaseAsync(Guid caseId, CancellationToken ct = default);

    /// <summary>
    /// The applicant's timeline of the case's process: each time the case entered a state that names an applicant
    /// status (in the version it was in then), in order, a repeat of the status before left out. Empty when the
    /// case has no process.
    /// </summary>
    Task<IReadOnlyList<ApplicantStatusEntry>> ApplicantTimelineAsync(Guid caseId, CancellationToken ct = default);

    /// <summary>The kind of case the published version of <paramref name="process"/> runs on (the case to open for it), or null when none is published.</summary>
    Task<string?> CaseKindAsync(string process, CancellationToken ct = default);
}

/// <summary>A process said <c>emit</c>: a named fact for integrations (an eAT order to the card producer, a statistic).</summary>
public sealed record ProcessEventRaised(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid InstanceId, Guid CaseId, Guid CaseFileId,
    string Process, string Name, string State) : Saas.Platform.Outbox.IIntegrationEvent;

/// <summary>
/// A process said <c>notify</c>: tell the applicant (message key of the process's texts) — delivered by the online
/// applications' secure mailbox, or by letter where the authority has none.
/// </summary>
public sealed record ApplicantNotificationRequested(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid InstanceId, Guid CaseId, Guid CaseFileId,
    string Process, string Message) : Saas.Platform.Outbox.IIntegrationEvent;

/// <summary>A process said <c>order-card</c>: an electronic residence permit card (eAT) is to be produced for the case's title.</summary>
public sealed record ResidenceCardOrdered(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid InstanceId, Guid CaseId, Guid CaseFileId,
    Guid OrderId) : Saas.Platform.Outbox.IIntegrationEvent;

namespace Saas.Modules.Cases.Contracts;

/// <summary>A case (Vorgang) as other modules see it: the e-Akte's record of it (docs/adr/0014).</summary>
public sealed record CaseRecord(Guid Id, Guid CaseFileId, string Kind, string Title, bool IsOpen, string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// What a rule (a process's guard, a fee rule) may read of a case, read together: the case, its file's person, the
/// document types present in the file, the newest residence title and passport (newest as the file shows them).
/// </summary>
public sealed record CaseRuleFacts(CaseRecord Case, CaseFileSummary? File, IReadOnlyList<string> DocumentTypes, ResidenceTitleRecord? NewestTitle,
    PassportRecord? NewestPassport);

/// <summary>
/// How another module (Workflows, which runs a case's lifecycle) opens, reads and closes the e-Akte's cases. Each call
/// is the same use case a caseworker's click runs: audited, refused for a file handed over, and answered with the
/// e-Akte's problems (<c>SaasProblemException</c>) when it cannot be done.
/// </summary>
public interface ICaseRecords
{
    Task<CaseRecord> OpenAsync(Guid caseFileId, string kind, string title, CancellationToken ct = default);

    Task<CaseRecord?> FindAsync(Guid caseId, CancellationToken ct = default);

    Task<CaseRecord> CloseAsync(Guid caseId, string outcome, CancellationToken ct = default);

    /// <summary>
    /// The facts a rule evaluates for a case, in one query (a transition's guard reads them on every step). Not
    /// audited on its own: the caller's step is (<c>process.transition</c>, <c>process.read</c>), and names the file.
    /// Null when there is no such case.
    /// </summary>
    Task<CaseRuleFacts?> RuleFactsAsync(Guid caseId, Guid caseFileId, CancellationToken ct = default);

    /// <summary>The document types present in a file (the evidence a process's guard may require), each once, ordered.</summary>
    Task<IReadOnlyList<string>> DocumentTypesAsync(Guid caseFileId, CancellationToken ct = default);

    /// <summary>The document types present in each of several files (a work queue's completeness), at most 5,000 files.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> DocumentTypesOfFilesAsync(IReadOnlyCollection<Guid> caseFileIds, CancellationToken ct = default);

    /// <summary>The open cases of several files (a campaign's selection), at most 5,000 files.</summary>
    Task<IReadOnlyList<CaseRecord>> OpenCasesOfFilesAsync(IReadOnlyCollection<Guid> caseFileIds, CancellationToken ct = default);

    /// <summary>Files a document of the case's file into the case.</summary>
    Task FileDocumentAsync(Guid caseId, Guid documentId, CancellationToken ct = default);
}

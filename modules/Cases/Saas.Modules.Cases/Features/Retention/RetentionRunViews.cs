namespace Saas.Modules.Cases.Features.Retention;

/// <summary>A deletion run as the API and the pages show it.</summary>
internal sealed record DeletionRunView(
    Guid Id, string Status, DateTimeOffset AsOf, int Documents, int HeldBack, string ProposedBy, DateTimeOffset ProposedAt, string? ApprovedBy,
    DateTimeOffset? ApprovedAt, DateTimeOffset? ExecutedAt, int? Deleted)
{
    public static DeletionRunView Of(DeletionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.Status, run.AsOf, run.Documents, run.HeldBack, run.ProposedBy, run.ProposedAt, run.ApprovedBy, run.ApprovedAt,
            run.ExecutedAt, run.Deleted);
    }
}

/// <summary>A document of a run's report: its file, the rule that makes it due, when, and (after the run) what became of it.</summary>
/// <param name="RuleName">The rule's name as published (the key when the rule is no longer published).</param>
internal sealed record DeletionRunItemView(
    Guid DocumentId, Guid CaseFileId, string FileNumber, string DocumentType, string Title, string Rule, string RuleName, DateOnly DueAt, string? Outcome);

/// <summary>A run with its report (the JSON of <c>GET /api/cases/retention/runs/{id}</c>: <c>run</c> and <c>items</c>).</summary>
internal sealed record DeletionRunReport(DeletionRunView Run, IReadOnlyList<DeletionRunItemView> Items);

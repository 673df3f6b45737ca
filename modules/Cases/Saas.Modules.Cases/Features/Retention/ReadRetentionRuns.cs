namespace Saas.Modules.Cases.Features.Retention;

internal sealed record ListRetentionRunsRequest(int Limit = ListRetentionRuns.MaxItems);

/// <summary>The latest deletion runs, newest first (counts and who did what; no personal data).</summary>
internal sealed class ListRetentionRuns(CasesDbContext db)
{
    public const int MaxItems = 50;

    public async Task<IReadOnlyList<DeletionRunView>> ExecuteAsync(ListRetentionRunsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runs = await db.DeletionRuns.AsNoTracking().OrderByDescending(r => r.ProposedAt).ThenBy(r => r.Id)
            .Take(Math.Clamp(request.Limit, 1, MaxItems)).ToListAsync(ct);
        return [.. runs.Select(DeletionRunView.Of)];
    }
}

internal sealed record ReadRetentionRunRequest(Guid Id);

/// <summary>One run with its report: every document due, its file, the rule (with its published name) and the due date.</summary>
internal sealed class ReadRetentionRun(CasesDbContext db, IMetadataStore metadata)
{
    public async Task<DeletionRunReport> ExecuteAsync(ReadRetentionRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await db.DeletionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.Id, ct) ?? throw CasesProblems.DeletionRunNotFound(request.Id);
        var names = (await metadata.GetPublishedAsync(RetentionRuleKind.Name, ct))
            .ToDictionary(d => d.Key, d => d.Spec["name"]?.GetValue<string>() ?? d.Key, StringComparer.Ordinal);
        var items = await db.DeletionRunItems.AsNoTracking().Where(i => i.RunId == request.Id).OrderBy(i => i.FileNumber).ThenBy(i => i.DueAt)
            .ThenBy(i => i.DocumentId).ToListAsync(ct);
        return new DeletionRunReport(DeletionRunView.Of(run), [.. items.Select(i => new DeletionRunItemView(
            i.DocumentId, i.CaseFileId, i.FileNumber, i.DocumentType, i.Title, i.Rule, names.GetValueOrDefault(i.Rule, i.Rule), i.DueAt, i.Outcome))]);
    }

    internal static async Task<DeletionRun> FindAsync(CasesDbContext db, Guid id, CancellationToken ct) =>
        await db.DeletionRuns.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw CasesProblems.DeletionRunNotFound(id);
}

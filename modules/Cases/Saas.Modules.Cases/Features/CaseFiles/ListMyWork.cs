using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>A file the caseworker worked on lately, with the time of their last own step in it.</summary>
internal sealed record MyFile(Guid Id, string FileNumber, string Surname, string GivenNames, DateTimeOffset LastActivity);

/// <summary>An open case the caseworker opened, in its file.</summary>
internal sealed record MyCase(Guid Id, Guid FileId, string FileNumber, string Kind, string Title, DateTimeOffset OpenedAt);

internal sealed record MyWorkResult(IReadOnlyList<InboxItem> Inbox, int InboxTotal, IReadOnlyList<MyFile> Files, IReadOnlyList<MyCase> Cases);

/// <summary>
/// "Meine Arbeit": the caseworker's open inbox items (the inbox's own "mine", through <see cref="ListInbox"/>, which
/// records the read), the active files they worked on in the last <see cref="RecentDays"/> days and their open cases.
/// "Worked on" is what the e-Akte records as theirs: a file they opened, a document they added, a case they opened
/// (the latest counts). Reads are not work, and the audit trail is for oversight, so it is not queried for a worklist.
/// </summary>
internal sealed class ListMyWork(CasesDbContext db, ListInbox inbox, ICurrentActor actor, TimeProvider clock)
{
    public const int RecentDays = 30;
    public const int Shown = 10;

    public async Task<MyWorkResult> ExecuteAsync(CancellationToken ct)
    {
        var mine = await inbox.ExecuteAsync(new ListInboxRequest(InboxItemStatus.Open, "mine", null, Shown, InboxScope.Mine, "workbench start"), false, ct);
        var me = actor.Id;
        var since = clock.GetUtcNow().AddDays(-RecentDays);
        var created = await db.CaseFiles.AsNoTracking().Where(f => f.CreatedBy == me && f.CreatedAt >= since)
            .Select(f => new Activity(f.Id, f.CreatedAt)).ToListAsync(ct);
        var added = await db.Documents.AsNoTracking().Where(d => d.CreatedBy == me && d.CreatedAt >= since)
            .GroupBy(d => d.CaseFileId).Select(g => new Activity(g.Key, g.Max(d => d.CreatedAt))).ToListAsync(ct);
        var opened = await db.Cases.AsNoTracking().Where(c => c.CreatedBy == me && c.OpenedAt >= since)
            .GroupBy(c => c.CaseFileId).Select(g => new Activity(g.Key, g.Max(c => c.OpenedAt))).ToListAsync(ct);
        var last = created.Concat(added).Concat(opened).GroupBy(a => a.FileId).ToDictionary(g => g.Key, g => g.Max(a => a.At));
        var ids = last.Keys.ToList();
        var files = (await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id) && f.Status == CaseFileStatus.Active)
                .Select(f => new { f.Id, f.FileNumber, f.Surname, f.GivenNames }).ToListAsync(ct))
            .Select(f => new MyFile(f.Id, f.FileNumber, f.Surname, f.GivenNames, last[f.Id]))
            .OrderByDescending(f => f.LastActivity).Take(Shown).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => c.CreatedBy == me && c.Status == CaseStatus.Open)
            .OrderByDescending(c => c.OpenedAt)
            .Take(Shown)
            .Join(db.CaseFiles, c => c.CaseFileId, f => f.Id, (c, f) => new MyCase(c.Id, f.Id, f.FileNumber, c.Kind, c.Title, c.OpenedAt))
            .ToListAsync(ct);
        cases = [.. cases.OrderByDescending(c => c.OpenedAt)];
        return new MyWorkResult(mine.Page.Items, mine.Page.Total, files, cases);
    }

    private sealed record Activity(Guid FileId, DateTimeOffset At);
}

using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Retention;

internal sealed record ExecuteRetentionRunRequest(Guid Id);

/// <summary>
/// The third step, by a tenant admin, of an approved run: legal holds are checked again (a hold placed after the
/// report still protects its file), the documents are deleted with their text and index entries, a departed
/// person's emptied file keeps only its number, every deleted document is recorded in the audit trail (which is
/// never deleted), and after the commit the blobs nothing refers to any more are removed.
/// </summary>
internal sealed class ExecuteRetentionRun(CasesDbContext db, IDocumentSearch search, IBlobStore blobs, IAuditTrail audit, ICurrentActor actor,
    TimeProvider clock, ILogger<ExecuteRetentionRun> logger)
{
    /// <summary>What an emptied file of a departed person keeps as its name (the audit trail refers to its number).</summary>
    public const string DeletedSurname = "(gelöscht)";

    public async Task<DeletionRunView> ExecuteAsync(ExecuteRetentionRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Id;
        var deleted = new List<DeletionRunItem>();
        DeletionRun run;
        await using (var work = await db.BeginWorkAsync(audit, ct))
        {
            run = await ReadRetentionRun.FindAsync(db, id, ct);
            DeletionRunStatus.EnsureCanBecome(run, DeletionRunStatus.Executed);
            var items = await db.DeletionRunItems.Where(i => i.RunId == id).ToListAsync(ct);
            var held = (await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).Select(h => h.CaseFileId).ToListAsync(ct)).ToHashSet();
            foreach (var item in items)
            {
                if (held.Contains(item.CaseFileId))
                {
                    item.Outcome = DeletionRunItem.HeldOutcome;
                    continue;
                }

                var removed = await db.Documents.IgnoreQueryFilters([Inbox.DocumentWithdrawal.FilterName]).Where(d => d.Id == item.DocumentId).ExecuteDeleteAsync(ct);
                item.Outcome = removed == 1 ? DeletionRunItem.DeletedOutcome : DeletionRunItem.GoneOutcome;
                if (removed == 1)
                {
                    deleted.Add(item);
                }
            }

            // A file whose person has left and that has no document any more keeps only its number (the audit trail refers to it).
            var emptied = deleted.Select(d => d.CaseFileId).Distinct().ToList();
            var remaining = db.Documents.IgnoreQueryFilters([Inbox.DocumentWithdrawal.FilterName]); // a withdrawn document still counts as kept
            await db.CaseFiles.Where(f => emptied.Contains(f.Id) && f.DepartedAt != null && !remaining.Any(d => d.CaseFileId == f.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, "deleted").SetProperty(f => f.Surname, DeletedSurname).SetProperty(f => f.GivenNames, "")
                    .SetProperty(f => f.BirthDate, (DateOnly?)null).SetProperty(f => f.Nationalities, new List<string>())
                    .SetProperty(f => f.NameVariants, new List<string>()).SetProperty(f => f.PhoneticCodes, new List<string>())
                    .SetProperty(f => f.SearchName, "").SetProperty(f => f.CentralRegisterNumber, (string?)null), ct);

            run.Executed(deleted.Count, clock.GetUtcNow());
            // Every deleted document and the run itself, in one append (a run can delete thousands of documents).
            work.RecordAll(deleted.Select(item => new AuditEntry("document.delete", "document", item.DocumentId.ToString(),
                $"retention run {id}, rule {item.Rule}, due {item.DueAt:yyyy-MM-dd}, file {item.FileNumber}, sha256 {item.Sha256}",
                PersonalData: true, Actor: actor.Id)));
            work.Record(new AuditEntry("retention.execute", "deletion-run", id.ToString(),
                $"{deleted.Count} deleted, {items.Count(i => i.Outcome == DeletionRunItem.HeldOutcome)} held, approved by {run.ApprovedBy}", Actor: actor.Id));
            await work.CommitAsync(() => CasesProblems.DeletionRunChanged(id), ct);
        }

        // After the commit: index entries and blobs nothing refers to any more. A failure here leaves an orphan for
        // the sweeper (or a stale index entry for `saas search reindex`), never a document without content.
        foreach (var item in deleted)
        {
            try
            {
                await search.RemoveAsync(db.CurrentTenantId, item.DocumentId, ct);
                if (!await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM cases.blob_references WHERE sha256 = {item.Sha256}").AnyAsync(ct))
                {
                    await blobs.DeleteAsync(item.Sha256, ct);
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Cleaning up after deleting document {Document} failed; the sweeper will retry", item.DocumentId);
            }
        }

        return DeletionRunView.Of(run);
    }
}

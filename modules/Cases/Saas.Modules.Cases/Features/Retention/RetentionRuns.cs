using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>
/// Deletion at the end of retention, in three steps by two people: a report of what is due (files on legal hold
/// are held back), approval by a second person, and the run itself, which checks legal holds again, deletes the
/// documents with their text and index entries, then the blobs nothing else refers to, and records every deleted
/// document in the audit trail (which is never deleted).
/// </summary>
internal sealed class RetentionRuns(CasesDbContext db, IMetadataStore metadata, IDocumentSearch search, IBlobStore blobs, IAuditTrail audit,
    TimeProvider clock, ILogger<RetentionRuns> logger)
{
    public async Task<DeletionRun> ProposeAsync(string actor, DateOnly? asOf, CancellationToken ct)
    {
        var rules = (await metadata.GetPublishedAsync(RetentionRuleKind.Name, ct))
            .Select(d => RetentionPolicy.FromMetadata(d.Key, d.Spec)).ToList();
        if (rules.Count == 0)
        {
            throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "no-retention-rules",
                new LocalizedText("problem.no-retention-rules"), null);
        }

        var today = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var held = (await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).Select(h => h.CaseFileId).ToListAsync(ct)).ToHashSet();
        var candidates = await (
            from d in db.Documents.AsNoTracking()
            join f in db.CaseFiles.AsNoTracking() on d.CaseFileId equals f.Id
            join p in db.Cases.AsNoTracking() on d.CaseId equals p.Id into procedures
            from p in procedures.DefaultIfEmpty()
            select new { d.Id, d.CaseFileId, f.FileNumber, d.DocumentType, d.Title, d.Sha256, d.CreatedAt, f.DepartedAt, ClosedAt = (DateTimeOffset?)p.ClosedAt, Outcome = p.Outcome })
            .ToListAsync(ct);

        var run = new DeletionRun { AsOf = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ProposedBy = actor, ProposedAt = clock.GetUtcNow() };
        var items = new List<DeletionRunItem>();
        foreach (var c in candidates)
        {
            if (RetentionPolicy.DueDate(new RetentionFacts(c.DocumentType, c.CreatedAt, c.DepartedAt, c.ClosedAt, c.Outcome), rules) is not { } due || due.DueAt > today)
            {
                continue;
            }

            if (held.Contains(c.CaseFileId))
            {
                run.HeldBack++;
                continue;
            }

            items.Add(new DeletionRunItem
            {
                RunId = run.Id, DocumentId = c.Id, CaseFileId = c.CaseFileId, FileNumber = c.FileNumber, DocumentType = c.DocumentType,
                Title = c.Title, Sha256 = c.Sha256, Rule = due.Rule, DueAt = due.DueAt,
            });
        }

        run.Documents = items.Count;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DeletionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.DeletionRunItems.AddRange(items);
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(audit, new AuditEntry("retention.propose", "deletion-run", run.Id.ToString(),
            $"{items.Count} documents due by {today:yyyy-MM-dd}, {run.HeldBack} held back"), ct);
        await tx.CommitAsync(ct);
        return run;
    }

    public async Task<DeletionRun> ApproveAsync(Guid id, string actor, CancellationToken ct)
    {
        var run = await FindAsync(id, ct);
        Expect(run, "proposed");
        if (run.ProposedBy == actor)
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "second-person-required",
                new LocalizedText("problem.second-person-required"), actor);
        }

        run.Status = "approved";
        run.ApprovedBy = actor;
        run.ApprovedAt = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(audit, new AuditEntry("retention.approve", "deletion-run", id.ToString(), $"proposed by {run.ProposedBy}"), ct);
        await tx.CommitAsync(ct);
        return run;
    }

    public async Task<DeletionRun> CancelAsync(Guid id, CancellationToken ct)
    {
        var run = await FindAsync(id, ct);
        if (run.Status is not ("proposed" or "approved"))
        {
            Expect(run, "proposed");
        }

        run.Status = "cancelled";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(audit, new AuditEntry("retention.cancel", "deletion-run", id.ToString()), ct);
        await tx.CommitAsync(ct);
        return run;
    }

    public async Task<DeletionRun> ExecuteAsync(Guid id, string actor, CancellationToken ct)
    {
        var run = await FindAsync(id, ct);
        Expect(run, "approved");
        var items = await db.DeletionRunItems.Where(i => i.RunId == id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var deleted = new List<DeletionRunItem>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // A legal hold placed after the report still protects the file.
            var held = (await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).Select(h => h.CaseFileId).ToListAsync(ct)).ToHashSet();
            foreach (var item in items)
            {
                if (held.Contains(item.CaseFileId))
                {
                    item.Outcome = "held";
                    continue;
                }

                var removed = await db.Documents.Where(d => d.Id == item.DocumentId).ExecuteDeleteAsync(ct);
                item.Outcome = removed == 1 ? "deleted" : "gone";
                if (removed == 1)
                {
                    deleted.Add(item);
                }
            }

            // A file whose person has left and that has no document any more keeps only its number (the audit trail refers to it).
            var emptied = deleted.Select(d => d.CaseFileId).Distinct().ToList();
            await db.CaseFiles.Where(f => emptied.Contains(f.Id) && f.DepartedAt != null && !db.Documents.Any(d => d.CaseFileId == f.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, "deleted").SetProperty(f => f.Surname, "(gelöscht)").SetProperty(f => f.GivenNames, "")
                    .SetProperty(f => f.BirthDate, (DateOnly?)null).SetProperty(f => f.Nationalities, new List<string>()).SetProperty(f => f.NameVariants, new List<string>())
                    .SetProperty(f => f.PhoneticCodes, new List<string>()).SetProperty(f => f.SearchName, "").SetProperty(f => f.CentralRegisterNumber, (string?)null), ct)
                ;

            run.Status = "executed";
            run.ExecutedAt = now;
            run.Deleted = deleted.Count;
            await db.SaveChangesAsync(ct);
            // Every deleted document and the run itself, in one append (a run can delete thousands of documents).
            await db.AuditAllAsync(audit, [
                .. deleted.Select(item => new AuditEntry("document.delete", "document", item.DocumentId.ToString(),
                    $"retention run {id}, rule {item.Rule}, due {item.DueAt:yyyy-MM-dd}, file {item.FileNumber}, sha256 {item.Sha256}", PersonalData: true, Actor: actor)),
                new AuditEntry("retention.execute", "deletion-run", id.ToString(),
                    $"{deleted.Count} deleted, {items.Count(i => i.Outcome == "held")} held, approved by {run.ApprovedBy}", Actor: actor),
            ], ct);
            await tx.CommitAsync(ct);
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

        return run;
    }

    public async Task<DeletionRun> FindAsync(Guid id, CancellationToken ct) =>
        await db.DeletionRuns.SingleOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.retention-2"), id.ToString());

    private static void Expect(DeletionRun run, string status)
    {
        if (run.Status != status)
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "deletion-run-state",
                LocalizedText.Of("problem.deletion-run-state", ("status", run.Status), ("status2", status)), run.Id.ToString());
        }
    }
}

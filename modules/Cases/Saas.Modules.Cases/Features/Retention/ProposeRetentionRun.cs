namespace Saas.Modules.Cases.Features.Retention;

/// <summary>Asking for a deletion report as of a day (default today).</summary>
internal sealed record ProposeRetentionRunRequest(DateOnly? AsOf);

/// <summary>
/// The first of the three steps of deletion at the end of retention: a report of every document whose retention
/// has run out by the day, by the authority's published rules (<see cref="RetentionPolicy"/>); files on legal
/// hold are held back and counted. Any staff member may ask for it; nothing is deleted yet.
/// </summary>
internal sealed class ProposeRetentionRun(CasesDbContext db, IMetadataStore metadata, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<DeletionRunView> ExecuteAsync(ProposeRetentionRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = (await metadata.GetPublishedAsync(RetentionRuleKind.Name, ct)).Select(d => RetentionPolicy.FromMetadata(d.Key, d.Spec)).ToList();
        if (rules.Count == 0)
        {
            throw CasesProblems.NoRetentionRules();
        }

        var today = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var held = (await db.LegalHolds.AsNoTracking().Where(h => h.ReleasedAt == null).Select(h => h.CaseFileId).ToListAsync(ct)).ToHashSet();
        var candidates = await (
            from d in db.Documents.IgnoreQueryFilters([Inbox.DocumentWithdrawal.FilterName]).AsNoTracking()
            join f in db.CaseFiles.AsNoTracking() on d.CaseFileId equals f.Id
            join p in db.Cases.AsNoTracking() on d.CaseId equals p.Id into procedures
            from p in procedures.DefaultIfEmpty()
            select new
            {
                d.Id, d.CaseFileId, f.FileNumber, d.DocumentType, d.Title, d.Sha256, d.CreatedAt, f.DepartedAt, ClosedAt = (DateTimeOffset?)p.ClosedAt, p.Outcome,
            }).ToListAsync(ct);

        var run = new DeletionRun
        {
            AsOf = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ProposedBy = actor.Id, ProposedAt = clock.GetUtcNow(),
        };
        var items = new List<DeletionRunItem>();
        foreach (var c in candidates)
        {
            var facts = new RetentionFacts(c.DocumentType, c.CreatedAt, c.DepartedAt, c.ClosedAt, c.Outcome);
            if (RetentionPolicy.DueDate(facts, rules) is not { } due || due.DueAt > today)
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
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.DeletionRuns.Add(run);
        await db.SaveChangesAsync(ct); // the run before its items: the model declares no relationship between them
        db.DeletionRunItems.AddRange(items);
        work.Record(new AuditEntry("retention.propose", "deletion-run", run.Id.ToString(),
            $"{items.Count} documents due by {today:yyyy-MM-dd}, {run.HeldBack} held back"));
        await work.CommitAsync(ct);
        return DeletionRunView.Of(run);
    }
}

using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>A legal hold as the API and the pages show it, with the file it protects.</summary>
internal sealed record LegalHoldView(
    Guid Id, Guid CaseFileId, string FileNumber, string Surname, string GivenNames, string Reason, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ReleasedAt, string? ReleasedBy)
{
    public bool IsActive => ReleasedAt is null;

    public static LegalHoldView Of(LegalHold hold, CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(file);
        return new(hold.Id, hold.CaseFileId, file.FileNumber, file.Surname, file.GivenNames, hold.Reason, hold.CreatedAt, hold.CreatedBy,
            hold.ReleasedAt, hold.ReleasedBy);
    }

    /// <summary>The holds <paramref name="filter"/> selects, joined with their files, newest first (the query both reads use).</summary>
    internal static IQueryable<LegalHoldView> Query(CasesDbContext db, System.Linq.Expressions.Expression<Func<LegalHold, bool>> filter) =>
        from h in db.LegalHolds.AsNoTracking().Where(filter)
        join f in db.CaseFiles.AsNoTracking() on h.CaseFileId equals f.Id
        orderby h.CreatedAt descending, h.Id
        select new LegalHoldView(h.Id, h.CaseFileId, f.FileNumber, f.Surname, f.GivenNames, h.Reason, h.CreatedAt, h.CreatedBy, h.ReleasedAt, h.ReleasedBy);
}

/// <param name="FileId">Only the holds of this file; all files when null.</param>
internal sealed record ListLegalHoldsRequest(Guid? FileId, string Via, int Limit = ListLegalHolds.MaxItems);

/// <summary>The active legal holds (of one file or all), with the files' numbers and names; the read is recorded (<c>legalhold.list</c>).</summary>
internal sealed class ListLegalHolds(CasesDbContext db, IAuditTrail audit)
{
    public const int MaxItems = 200;

    public async Task<IReadOnlyList<LegalHoldView>> ExecuteAsync(ListLegalHoldsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = request.FileId;
        var holds = LegalHoldView.Query(db, h => h.ReleasedAt == null && (file == null || h.CaseFileId == file));

        await audit.RecordAsync(new AuditEntry("legalhold.list", "casefile", request.FileId?.ToString(), "via " + request.Via, PersonalData: true), ct);
        return await holds.Take(Math.Clamp(request.Limit, 1, MaxItems)).ToListAsync(ct);
    }
}

internal sealed record ReadLegalHoldRequest(Guid Id, string Via);

/// <summary>One hold, active or released, with its file; the read is recorded (<c>legalhold.read</c>).</summary>
internal sealed class ReadLegalHold(CasesDbContext db, IAuditTrail audit)
{
    public async Task<LegalHoldView> ExecuteAsync(ReadLegalHoldRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hold = await LegalHoldView.Query(db, h => h.Id == request.Id).SingleOrDefaultAsync(ct) ?? throw CasesProblems.LegalHoldNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("legalhold.read", "casefile", hold.CaseFileId.ToString(), $"hold {hold.Id}, via {request.Via}",
            PersonalData: true), ct);
        return hold;
    }
}

internal sealed record PlaceLegalHoldRequest(Guid FileId, string? Reason);

/// <summary>
/// Places a legal hold on a file: from now on no deletion run deletes anything in it (a run already proposed checks
/// again when it is executed). The reason is required; placing and its reason are audited.
/// </summary>
internal sealed class PlaceLegalHold(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<LegalHoldView> ExecuteAsync(PlaceLegalHoldRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw CasesProblems.ReasonMissing();
        }

        if (reason.Length > LegalHold.MaxReasonLength)
        {
            throw CasesProblems.ReasonTooLong(LegalHold.MaxReasonLength);
        }

        var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.FileId, ct) ?? throw CaseFileEndpoints.NotFound(request.FileId);
        var hold = new LegalHold { CaseFileId = file.Id, Reason = reason, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Id };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.LegalHolds.Add(hold);
        work.Record(new AuditEntry("legalhold.place", "casefile", file.Id.ToString(), hold.Reason, PersonalData: true));
        await work.CommitAsync(ct);
        return LegalHoldView.Of(hold, file);
    }
}

internal sealed record ReleaseLegalHoldRequest(Guid Id);

/// <summary>Releases an active hold (audited with its reason); of two people releasing it at once one wins, the other gets 409.</summary>
internal sealed class ReleaseLegalHold(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<LegalHoldView> ExecuteAsync(ReleaseLegalHoldRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == request.Id && h.ReleasedAt == null, ct)
                   ?? throw CasesProblems.LegalHoldNotFound(request.Id);
        var file = await db.CaseFiles.AsNoTracking().SingleAsync(f => f.Id == hold.CaseFileId, ct);
        hold.Release(actor.Id, clock.GetUtcNow());
        work.Record(new AuditEntry("legalhold.release", "casefile", hold.CaseFileId.ToString(), hold.Reason, PersonalData: true));
        await work.CommitAsync(() => CasesProblems.LegalHoldReleased(request.Id), ct);
        return LegalHoldView.Of(hold, file);
    }
}

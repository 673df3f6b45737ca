namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Opening a case (Vorgang) in a file, e.g. an application for a residence permit.</summary>
internal sealed record OpenCaseRequest(Guid FileId, string Kind, string Title);

/// <summary>A case as the API and the contract answer it.</summary>
internal sealed record CaseView(Guid Id, Guid CaseFileId, string Kind, string Title, string Status, string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    string CreatedBy)
{
    public static CaseView Of(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.CaseFileId, c.Kind, c.Title, c.Status, c.Outcome, c.OpenedAt, c.ClosedAt, c.CreatedBy);
    }
}

/// <summary>Opens a case in an active file; audited (<c>case.open</c>). Used by the API, the workbench and <c>ICaseRecords</c>.</summary>
internal sealed class OpenCase(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxKind = 100;
    public const int MaxTitle = 300;

    public async Task<CaseView> ExecuteAsync(OpenCaseRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Kind?.Trim() ?? "";
        var title = request.Title?.Trim() ?? "";
        if (kind.Length is 0 or > MaxKind)
        {
            throw CasesProblems.InvalidCase("kind");
        }

        if (title.Length is 0 or > MaxTitle)
        {
            throw CasesProblems.InvalidCase("title");
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        if (!(await Documents.DocumentWriter.LockActiveFilesAsync(db, [request.FileId], ct)).Contains(request.FileId))
        {
            throw await db.CaseFiles.AnyAsync(f => f.Id == request.FileId, ct) ? CasesProblems.FileReadOnly(request.FileId) : CaseFileEndpoints.NotFound(request.FileId);
        }

        var opened = new Case { CaseFileId = request.FileId, Kind = kind, Title = title, OpenedAt = clock.GetUtcNow(), CreatedBy = actor.Id };
        db.Cases.Add(opened);
        work.Record(new AuditEntry("case.open", "casefile", request.FileId.ToString(), $"{opened.Kind}: {opened.Title}", PersonalData: true));
        await work.CommitAsync(ct);
        return CaseView.Of(opened);
    }
}

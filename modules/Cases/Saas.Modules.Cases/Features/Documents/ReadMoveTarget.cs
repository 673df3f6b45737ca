using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Documents;

internal sealed record ReadMoveTargetRequest(Guid FileId);

/// <summary>A case of the target file that can take the document (an open one).</summary>
internal sealed record MoveTargetCase(Guid Id, string Kind, string Title);

/// <summary>The file a document is about to be moved into, for the confirmation: who it is, and its open cases.</summary>
internal sealed record MoveTarget(CaseFileSummary File, bool Active, IReadOnlyList<MoveTargetCase> OpenCases);

/// <summary>The target of a move as the confirmation step shows it (the move itself checks everything again).</summary>
internal sealed class ReadMoveTarget(CasesDbContext db)
{
    public async Task<MoveTarget> ExecuteAsync(ReadMoveTargetRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = await db.CaseFiles.AsNoTracking().Where(f => f.Id == request.FileId)
                       .Select(f => new { Summary = new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities), f.Status })
                       .SingleOrDefaultAsync(ct)
                   ?? throw CasesProblems.UnknownMoveTarget(request.FileId);
        var cases = await db.Cases.AsNoTracking().Where(c => c.CaseFileId == request.FileId && c.Status == CaseFiles.CaseStatus.Open)
            .OrderBy(c => c.OpenedAt).Select(c => new MoveTargetCase(c.Id, c.Kind, c.Title)).ToListAsync(ct);
        return new MoveTarget(file.Summary, file.Status == "active", cases);
    }
}

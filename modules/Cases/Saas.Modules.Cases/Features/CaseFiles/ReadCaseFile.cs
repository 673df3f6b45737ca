using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <param name="Via">Where the read happened (<c>workbench</c>), for the audit record; null for the API.</param>
internal sealed record ReadCaseFileRequest(Guid Id, string? Via = null);

/// <summary>A file with its documents (oldest first) and cases (newest first); a merged file names where it went, a target what came in.</summary>
internal sealed record ReadCaseFileResult(CaseFile File, IReadOnlyList<CaseDocument> Documents, IReadOnlyList<Case> Cases, CaseFileSummary? MergedInto,
    IReadOnlyList<CaseFileSummary> MergedFrom);

/// <summary>The file's answer of <c>GET /api/cases/files/{id}</c>.</summary>
internal sealed record CaseFileReadView(CaseFileView File, IReadOnlyList<CaseFileDocumentView> Documents);

/// <summary>
/// Reads a file. Every read is recorded as a read of personal data (<c>casefile.read</c>), from the API and the
/// workbench alike; a merged file is still read (its history stays), and says into which file it went.
/// </summary>
internal sealed class ReadCaseFile(CasesDbContext db, IAuditTrail audit)
{
    public async Task<ReadCaseFileResult> ExecuteAsync(ReadCaseFileRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.Id, ct) ?? throw CasesProblems.CaseFileNotFound(request.Id);
        await audit.RecordAsync(new AuditEntry("casefile.read", "casefile", request.Id.ToString(), request.Via, PersonalData: true), ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.CaseFileId == request.Id).OrderBy(d => d.CreatedAt).ThenBy(d => d.Title).ToListAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => c.CaseFileId == request.Id).OrderByDescending(c => c.OpenedAt).ToListAsync(ct);
        var mergedInto = file.MergedIntoId is { } target
            ? await db.CaseFiles.AsNoTracking().Where(f => f.Id == target).Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities))
                .SingleOrDefaultAsync(ct)
            : null;
        var mergedFrom = await db.CaseFiles.AsNoTracking().Where(f => f.MergedIntoId == request.Id).OrderBy(f => f.MergedAt)
            .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities)).ToListAsync(ct);
        return new ReadCaseFileResult(file, documents, cases, mergedInto, mergedFrom);
    }
}

using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>What the hold and hand-over pages show of the file they act on.</summary>
internal sealed record FileSummary(Guid Id, string FileNumber, string Surname, string GivenNames, DateOnly? BirthDate, string Status, DateOnly? DepartedAt);

/// <param name="Purpose">What the page is about to do with the file (<c>legal-hold</c>, <c>hand-over</c>), recorded with the read.</param>
internal sealed record ReadFileSummaryRequest(Guid FileId, string Purpose, string Via);

/// <summary>A file's number, person and status for a page that acts on it; the read is recorded (<c>casefile.read</c>).</summary>
internal sealed class ReadFileSummary(CasesDbContext db, IAuditTrail audit)
{
    public async Task<FileSummary> ExecuteAsync(ReadFileSummaryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = await db.CaseFiles.AsNoTracking().Where(f => f.Id == request.FileId)
                       .Select(f => new FileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Status, f.DepartedAt))
                       .SingleOrDefaultAsync(ct)
                   ?? throw CaseFileEndpoints.NotFound(request.FileId);
        await audit.RecordAsync(new AuditEntry("casefile.read", "casefile", file.Id.ToString(), $"summary for {request.Purpose}, via {request.Via}",
            PersonalData: true), ct);
        return file;
    }
}

using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Finding the file another one is merged into: by its number, by the person's name, or (neither given) the probable duplicates.</summary>
internal sealed record ChooseMergeTargetRequest(Guid SourceId, string? FileNumber, string? Name, DateOnly? BirthDate);

/// <summary>
/// The active files a file can be merged into, never itself: the file with that number, the person search's hits
/// (recorded as a search, <see cref="SearchPersons"/>), or without a query the files of probably the same person.
/// </summary>
internal sealed class ChooseMergeTarget(CasesDbContext db, SearchPersons search)
{
    public async Task<IReadOnlyList<CaseFileSummary>> ExecuteAsync(ChooseMergeTargetRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.SourceId, ct) ?? throw CasesProblems.CaseFileNotFound(request.SourceId);
        IReadOnlyList<CaseFileSummary> found;
        if (!string.IsNullOrWhiteSpace(request.FileNumber))
        {
            var number = request.FileNumber.Trim();
            found = await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == number)
                .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities)).ToListAsync(ct);
        }
        else if (request.Name is not null)
        {
            found = await search.ExecuteAsync(new SearchPersonsRequest(request.Name, request.BirthDate, 20, "workbench merge"), ct);
        }
        else
        {
            return await ProbableDuplicates.FindAsync(db, source.Surname, source.NameVariants, source.GivenNames, source.BirthDate, source.Id, ct);
        }

        var ids = found.Select(f => f.Id).ToList();
        var active = await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id) && f.Status == CaseFileStatus.Active).Select(f => f.Id).ToListAsync(ct);
        return [.. found.Where(f => f.Id != source.Id && active.Contains(f.Id))];
    }
}

using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>The e-Akte's side of <see cref="ICaseFiles"/>: opening runs <see cref="CreateCaseFile"/> itself.</summary>
internal sealed class CaseFiles(CasesDbContext db, CreateCaseFile create) : ICaseFiles
{
    public async Task<CaseFileOpening> OpenAsync(NewCaseFile person, bool confirmDuplicate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        try
        {
            var file = await create.ExecuteAsync(new CreateCaseFileRequest(null, person.Surname, person.GivenNames, person.BirthDate, [.. person.Nationalities], null, null,
                confirmDuplicate), ct);
            return new CaseFileOpening(new CaseFileSummary(file.Id, file.FileNumber, file.Surname, file.GivenNames, file.BirthDate, file.Nationalities), []);
        }
        catch (ProbableDuplicateException duplicates)
        {
            return new CaseFileOpening(null, duplicates.Candidates);
        }
    }

    public async Task<CaseFileSummary?> FindByNumberAsync(string fileNumber, CancellationToken ct = default)
    {
        var number = fileNumber?.Trim() ?? "";
        if (number.Length is 0 or > CreateCaseFile.MaxFileNumberLength)
        {
            return null;
        }

        var upper = number.ToUpperInvariant();
        return await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == number || f.FileNumber == upper)
            .Select(f => new CaseFileSummary(f.Id, f.FileNumber, f.Surname, f.GivenNames, f.BirthDate, f.Nationalities))
            .FirstOrDefaultAsync(ct);
    }
}

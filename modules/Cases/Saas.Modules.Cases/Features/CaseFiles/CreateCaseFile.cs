using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Request to open a person's file.</summary>
/// <param name="ConfirmDuplicate">The caseworker saw the probable duplicates and opens the file anyway.</param>
internal sealed record CreateCaseFileRequest(string? FileNumber, string Surname, string? GivenNames, DateOnly? BirthDate, string[]? Nationalities,
    string[]? NameVariants, string? CentralRegisterNumber, bool ConfirmDuplicate = false);

/// <summary>A file is about to be opened for a person who probably has one already: the 409 names them (ids in the detail).</summary>
internal sealed class ProbableDuplicateException(IReadOnlyList<CaseFileSummary> candidates)
    : SaasProblemException(StatusCodes.Status409Conflict, "file-probable-duplicate",
        Problem.Title("file-probable-duplicate", ("count", candidates.Count)), string.Join(", ", candidates.Select(c => c.Id)))
{
    public IReadOnlyList<CaseFileSummary> Candidates { get; } = candidates;
}

/// <summary>
/// Opens a file: the person data checked (<see cref="PersonRules"/>), a file number drawn when none is given, and
/// refused with <see cref="ProbableDuplicateException"/> while an active file of probably the same person exists and
/// the request does not confirm it. The file and the record of its creation commit together (<c>casefile.create</c>).
/// Used by the API and the workbench.
/// </summary>
internal sealed class CreateCaseFile(CasesDbContext db, IMetadataStore metadata, IAuditTrail audit, PersonRules rules, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxFileNumberLength = 64;

    public async Task<CaseFile> ExecuteAsync(CreateCaseFileRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        PersonRules.Limit("fileNumber", request.FileNumber, MaxFileNumberLength);
        var person = rules.Check(request.Surname, request.GivenNames, request.BirthDate, request.Nationalities, request.NameVariants,
            request.CentralRegisterNumber);
        var duplicates = await ProbableDuplicates.FindAsync(db, person.Surname, person.NameVariants, person.GivenNames, person.BirthDate, null, ct);
        if (duplicates.Count > 0 && !request.ConfirmDuplicate)
        {
            throw new ProbableDuplicateException(duplicates);
        }

        var (phoneticCodes, searchName) = PersonKeys.SearchKeys(person.Surname, person.NameVariants);
        var now = clock.GetUtcNow();
        var file = new CaseFile
        {
            FileNumber = request.FileNumber?.Trim() ?? "",
            Surname = person.Surname,
            GivenNames = person.GivenNames,
            BirthDate = person.BirthDate,
            Nationalities = [.. person.Nationalities],
            NameVariants = [.. person.NameVariants],
            CentralRegisterNumber = person.CentralRegisterNumber,
            PhoneticCodes = phoneticCodes,
            SearchName = searchName,
            CreatedAt = now,
            CreatedBy = actor.Id,
        };
        db.CaseFiles.Add(file);
        await using var work = await db.BeginWorkAsync(audit, ct);
        if (file.FileNumber.Length == 0)
        {
            file.FileNumber = await FileNumbering.NextAsync(db, metadata, now, ct);
        }

        work.Record(new AuditEntry("casefile.create", "casefile", file.Id.ToString(),
            duplicates.Count == 0 ? null : $"probable duplicate of {string.Join(", ", duplicates.Select(d => d.Id))} confirmed", PersonalData: true));
        try
        {
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.CaseFiles.Remove(file);
            throw CasesProblems.FileNumberTaken(file.FileNumber);
        }

        return file;
    }
}

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>The corrected person data of a file; <paramref name="Version"/> is the file's row version the caseworker saw.</summary>
internal sealed record ChangePersonDataRequest(Guid Id, uint Version, string Surname, string? GivenNames, DateOnly? BirthDate, string[]? Nationalities,
    string[]? NameVariants, string? CentralRegisterNumber);

/// <param name="Changed">The names of the fields that changed (empty: nothing to do, nothing recorded).</param>
internal sealed record ChangePersonDataResult(CaseFile File, IReadOnlyList<string> Changed);

/// <summary>
/// Corrects a file's person data after filing (names, birth date, AZR number, nationalities from the code list;
/// nationalities written before the list stay as they are). The audit record (<c>casefile.person-change</c>) names
/// the fields that changed, not their values: the values are personal data the audit trail would otherwise keep
/// beyond the file's retention. A change by someone else since the caseworker's page was loaded is a 409 and
/// nothing is changed (the file's row version).
/// </summary>
internal sealed class ChangePersonData(CasesDbContext db, IAuditTrail audit, PersonRules rules)
{
    public async Task<ChangePersonDataResult> ExecuteAsync(ChangePersonDataRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = await db.CaseFiles.SingleOrDefaultAsync(f => f.Id == request.Id, ct) ?? throw CasesProblems.CaseFileNotFound(request.Id);
        var person = rules.Check(request.Surname, request.GivenNames, request.BirthDate, request.Nationalities, request.NameVariants,
            request.CentralRegisterNumber, file.Nationalities);
        db.Entry(file).Property(f => f.Version).OriginalValue = request.Version; // the version the caseworker saw decides
        if (file.Version != request.Version)
        {
            throw CasesProblems.FileChangedMeanwhile(file.Id);
        }

        var changed = file.ChangePerson(person);
        if (changed.Count == 0)
        {
            return new ChangePersonDataResult(file, changed);
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        work.Record(new AuditEntry("casefile.person-change", "casefile", file.Id.ToString(), "changed: " + string.Join(", ", changed), PersonalData: true));
        await work.CommitAsync(() => CasesProblems.FileChangedMeanwhile(file.Id), ct);
        return new ChangePersonDataResult(file, changed);
    }
}

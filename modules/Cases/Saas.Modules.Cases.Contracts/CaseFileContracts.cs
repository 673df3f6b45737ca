namespace Saas.Modules.Cases.Contracts;

/// <summary>A person's electronic file (Ausländerakte) as other modules may see it.</summary>
public sealed record CaseFileSummary(Guid Id, string FileNumber, string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities);

/// <summary>What other modules may ask the e-Akte.</summary>
public interface ICaseFileDirectory
{
    Task<CaseFileSummary?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>Several files at once (a work queue's persons), at most 5,000 ids; unknown ids are left out.</summary>
    Task<IReadOnlyList<CaseFileSummary>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);

    /// <summary>Persons whose name sounds or looks like the given one (transliterations, typos), best first.</summary>
    Task<IReadOnlyList<CaseFileSummary>> SearchPersonsAsync(string name, DateOnly? birthDate, int limit = 20, CancellationToken ct = default);
}

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

/// <summary>A person for whom a file is to be opened (an online application's applicant).</summary>
public sealed record NewCaseFile(string Surname, string? GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities);

/// <summary>The file opened, or — when an active file of probably the same person exists — none and those files.</summary>
public sealed record CaseFileOpening(CaseFileSummary? Opened, IReadOnlyList<CaseFileSummary> ProbableDuplicates);

/// <summary>
/// How another module opens a file for a person and finds one by its number. Opening is the caseworkers' use case
/// (the person data checked, a file number drawn, audited as <c>casefile.create</c>), including its check for probable
/// duplicates: without <c>confirmDuplicate</c> such a person gets no second file, and the answer names the candidates.
/// </summary>
public interface ICaseFiles
{
    Task<CaseFileOpening> OpenAsync(NewCaseFile person, bool confirmDuplicate, CancellationToken ct = default);

    /// <summary>The file with this number as written, or in capitals (surrounding spaces ignored), or null.</summary>
    Task<CaseFileSummary?> FindByNumberAsync(string fileNumber, CancellationToken ct = default);
}

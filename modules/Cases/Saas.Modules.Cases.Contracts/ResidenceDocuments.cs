namespace Saas.Modules.Cases.Contracts;

/// <summary>A residence title of a file's person: legal basis (<c>AufenthG-18a</c>), validity, eAT card number, conditions.</summary>
public sealed record ResidenceTitleRecord(Guid Id, Guid CaseFileId, Guid? CaseId, string LegalBasis, DateOnly ValidFrom, DateOnly? ValidUntil,
    string? CardNumber, IReadOnlyList<string> Conditions, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A passport of a file's person: number, issuing state (ISO 3166-1 alpha-3, as nationalities) and expiry.</summary>
public sealed record PassportRecord(Guid Id, Guid CaseFileId, string Number, string IssuingState, DateOnly ValidUntil, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>The titles and passports of one file, newest first.</summary>
public sealed record PersonResidenceDocuments(Guid CaseFileId, IReadOnlyList<ResidenceTitleRecord> Titles, IReadOnlyList<PassportRecord> Passports);

/// <summary>A title or passport that runs out in a date range, with the file it belongs to (expiry reminders).</summary>
public sealed record ExpiringResidenceDocument(string Kind, Guid Id, Guid CaseFileId, string FileNumber, DateOnly ValidUntil, string What);

/// <summary>What a decision records: a title on a person's file (a case of that file, if the decision belongs to one).</summary>
public sealed record NewResidenceTitle(Guid CaseFileId, string LegalBasis, DateOnly ValidFrom, DateOnly? ValidUntil, string? CardNumber,
    IReadOnlyList<string>? Conditions, Guid? CaseId = null);

public sealed record NewPassport(Guid CaseFileId, string Number, string IssuingState, DateOnly ValidUntil);

/// <summary>
/// Residence titles and passports in the e-Akte for other modules: processes record them when a decision is made,
/// appointments read what expires for reminders. Each call is the use case the workbench and the API run: validated,
/// audited, refused for a file that is not active, answered with the e-Akte's problems.
/// </summary>
public interface IResidenceDocuments
{
    Task<PersonResidenceDocuments> GetAsync(Guid caseFileId, CancellationToken ct = default);

    /// <summary>Titles (with an end) and passports of the authority whose validity ends between from and to, inclusive.</summary>
    Task<IReadOnlyList<ExpiringResidenceDocument>> FindExpiringAsync(DateOnly from, DateOnly to, CancellationToken ct = default);

    Task<ResidenceTitleRecord> RecordTitleAsync(NewResidenceTitle title, CancellationToken ct = default);

    Task<PassportRecord> RecordPassportAsync(NewPassport passport, CancellationToken ct = default);
}

namespace Saas.Modules.Organization.Contracts;

/// <summary>Where a caseworker stands in training (Einarbeitung): a trainee gets no surname range (docs/adr/0022).</summary>
public enum TrainingStage
{
    Trainee,
    Qualified,
}

/// <summary>A surname range (Buchstabengruppe) of a unit that a caseworker handles, inclusive, by folded first letters.</summary>
public sealed record StaffSurnameRange(string UnitKey, string UnitCode, string From, string To)
{
    /// <summary>Whether the range covers a person's surname (folded as files are sorted, <see cref="SurnameKeys"/>).</summary>
    public bool Covers(string surname) =>
        SurnameKeys.Fold(surname) is { Length: > 0 } folded && SurnameKeys.Covers(SurnameKeys.Fold(From), SurnameKeys.Fold(To), folded);
}

/// <summary>
/// A caseworker as the authority configured them (a <c>staff</c> document, keyed by sign-in name): units,
/// surname ranges, specialisations, training stage and the legal bases they may decide and sign alone.
/// </summary>
public sealed record StaffMember(
    string UserName,
    string? DisplayName,
    TrainingStage Stage,
    IReadOnlyList<UnitInfo> Units,
    IReadOnlyList<StaffSurnameRange> SurnameRanges,
    IReadOnlyList<string> Specialisations,
    IReadOnlyList<string> SigningAuthorities)
{
    /// <summary>Whether the person may sign a decision under a legal basis alone; anyone configured may prepare one.</summary>
    public bool MaySign(string legalBasis) => SigningAuthorities.Contains(legalBasis, StringComparer.Ordinal);
}

/// <summary>
/// The current authority's staff as configured (published <c>staff</c> documents). Configuration is the source of a
/// person's signing authorities; the sign-in only says who the person is (their names, <c>ICurrentActor.Identities</c>).
/// The <c>signing_authority</c> claim of a token is never consulted (docs/adr/0022).
/// </summary>
public interface IStaffDirectory
{
    Task<IReadOnlyList<StaffMember>> GetStaffAsync(CancellationToken ct = default);

    /// <summary>The person configured under one of the names (subject, user name), or null.</summary>
    Task<StaffMember?> FindAsync(IEnumerable<string> identities, CancellationToken ct = default);

    /// <summary>Whether one of the names is configured with the legal basis among their signing authorities.</summary>
    Task<bool> MaySignAsync(IEnumerable<string> identities, string legalBasis, CancellationToken ct = default);

    /// <summary>
    /// Who is responsible for a surname: per unit the caseworker whose configured surname range covers it (trainees have
    /// none). With a unit key, only that unit.
    /// </summary>
    Task<IReadOnlyList<StaffMember>> FindResponsibleAsync(string surname, string? unitKey = null, CancellationToken ct = default);

    /// <summary>The people with a specialisation, e.g. <c>verpflichtungserklaerung</c> (work queues route by it).</summary>
    Task<IReadOnlyList<StaffMember>> WithSpecialisationAsync(string specialisation, CancellationToken ct = default);
}

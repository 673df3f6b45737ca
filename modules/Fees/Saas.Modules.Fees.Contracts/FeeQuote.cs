namespace Saas.Modules.Fees.Contracts;

/// <summary>The outcomes a fee depends on (§ 49 AufenthV): not decided yet, granted, refused, refused only for lack of jurisdiction, withdrawn before processing began.</summary>
public static class FeeOutcomes
{
    public const string Pending = "pending";
    public const string Granted = "granted";
    public const string Refused = "refused";
    public const string RefusedLackOfJurisdiction = "refused-lack-of-jurisdiction";
    public const string WithdrawnBeforeProcessing = "withdrawn-before-processing";

    public static IReadOnlyList<string> All { get; } = [Pending, Granted, Refused, RefusedLackOfJurisdiction, WithdrawnBeforeProcessing];
}

/// <summary>
/// The facts of a case a fee depends on. <paramref name="Nationalities"/> are ISO 3166-1 alpha-3 codes (<c>TUR</c>);
/// <paramref name="Benefits"/> what the person lives on (<c>sgb2</c>, <c>sgb12</c>, <c>asylblg</c>);
/// <paramref name="LegalBasis"/> the title's basis as the processes write it (<c>AufenthG-35</c>), empty when none.
/// </summary>
public sealed record FeeFacts(int Age, IReadOnlyList<string> Nationalities, IReadOnlyList<string> Benefits, bool Refugee, bool Scholarship,
    string Outcome, bool Express, string LegalBasis);

/// <summary>What a fee is asked for: a tariff line's code, the facts and the date whose schedule applies (the caller's, never the clock's).</summary>
public sealed record FeeQuoteRequest(string Tariff, FeeFacts Facts, DateOnly Date);

/// <summary>
/// One line of a calculation: the base (<paramref name="Rule"/> null) or a rule that applied, with its legal basis, the
/// amount before and after it, and why, in German and English.
/// </summary>
public sealed record FeeQuoteLine(string? Rule, string Name, string LegalBasis, decimal Before, decimal After, string ExplanationDe, string ExplanationEn);

/// <summary>What a person pays for a tariff line on a date, with every step explained; amounts in <paramref name="Currency"/> (EUR).</summary>
public sealed record FeeQuote(string Tariff, string TariffName, string TariffNameEn, string LegalBasis, DateOnly Date, decimal Total, string Currency,
    bool Confirmed, IReadOnlyList<FeeQuoteLine> Lines);

/// <summary>
/// The fee a service will charge, computed from the platform's federal schedule and the current authority's own lines
/// (docs/adr/0027). Stores nothing: an applicant's page calls it before submission; a caseworker's calculation for a
/// case is stored by the Fees module's own endpoint.
/// </summary>
public interface IFeeQuote
{
    Task<FeeQuote> QuoteAsync(FeeQuoteRequest request, CancellationToken ct = default);
}

namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>A tariff line: one fee of a schedule, valid from a date (to a date, when it was replaced), with its legal basis.</summary>
/// <param name="Confirmed">False where the amount or the citation could not be checked against the legal text; <paramref name="Note"/> says what is open.</param>
internal sealed record TariffLine(string Path, string Code, string Name, string? NameEn, string LegalBasis, decimal Amount, string Category,
    DateOnly ValidFrom, DateOnly? ValidTo, bool Confirmed, string? Note, string Payment = FeePaymentPolicies.None)
{
    public bool ValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    public string NameIn(string language) => language == FeeSchedule.English && NameEn is not null ? NameEn : Name;
}

/// <summary>
/// A rule of a schedule: when <paramref name="When"/> holds, the fee becomes <paramref name="Amount"/> (an expression of
/// the kernel's language over the case facts, the base, the fee so far and the schedule's tariffs); a final rule ends the calculation.
/// </summary>
internal sealed record FeeRule(string Path, string Key, string Name, string? NameEn, string LegalBasis, string When, string Amount, bool Final,
    bool Confirmed, string? Note)
{
    public string NameIn(string language) => language == FeeSchedule.English && NameEn is not null ? NameEn : Name;
}

/// <summary>A <c>fee-schedule</c> document as the calculator reads it (the schema has been checked before).</summary>
internal sealed record FeeSchedule(string Key, string Name, IReadOnlyList<TariffLine> Lines, IReadOnlyList<FeeRule> Rules)
{
    public const string German = "de";
    public const string English = "en";

    public static FeeSchedule Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var lines = (spec["lines"]?.AsArray() ?? []).Select((l, i) => new TariffLine(
            $"$.lines[{i}]",
            Text(l, "code"),
            Text(l, "name"),
            l?["nameEn"]?.GetValue<string>(),
            Text(l, "legalBasis"),
            Number(l?["amount"]),
            Text(l, "category"),
            Date(l?["validFrom"]) ?? DateOnly.MinValue,
            Date(l?["validTo"]),
            l?["confirmed"]?.GetValue<bool>() ?? true,
            l?["note"]?.GetValue<string>(),
            l?["payment"]?.GetValue<string>() ?? FeePaymentPolicies.None)).ToList();
        var rules = (spec["rules"]?.AsArray() ?? []).Select((r, i) => new FeeRule(
            $"$.rules[{i}]",
            Text(r, "key"),
            Text(r, "name"),
            r?["nameEn"]?.GetValue<string>(),
            Text(r, "legalBasis"),
            Text(r, "when"),
            Text(r, "amount"),
            r?["final"]?.GetValue<bool>() ?? false,
            r?["confirmed"]?.GetValue<bool>() ?? true,
            r?["note"]?.GetValue<string>())).ToList();
        return new FeeSchedule(key, spec["name"]?.GetValue<string>() ?? key, lines, rules);
    }

    /// <summary>A number as the YAML parser gives it (a whole number is a long, others a decimal; from the store, JSON text).</summary>
    internal static decimal Number(JsonNode? node) =>
        node is null ? 0m : decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node, string name) => node?[name]?.GetValue<string>() ?? "";

    /// <summary>A date as the schema allows it (<c>YYYY-MM-DD</c>); null when absent or not a calendar date (the rules report that).</summary>
    internal static DateOnly? Date(JsonNode? node) =>
        node?.GetValue<string>() is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

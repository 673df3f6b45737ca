namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>What applies in the current authority: the platform's lines and rules, then its own published schedules' (docs/adr/0027).</summary>
internal sealed record ApplicableSchedule(IReadOnlyList<TariffLine> Lines, IReadOnlyList<CompiledRule> Rules, ExpressionSchema Schema, IReadOnlyList<string> Sources);

/// <summary>
/// Merges the platform's federal schedule with the current authority's published <c>fee-schedule</c> documents and
/// compiles the rules against every tariff code of both. A local line may add a code, never redefine a federal one in
/// the same period (refused: the federal amount is not the authority's to change).
/// </summary>
internal sealed class FeeCatalogue(PlatformFeeSchedules platform, IMetadataStore store, CompiledSchedules compiled)
{
    public async Task<ApplicableSchedule> CurrentAsync(CancellationToken ct)
    {
        var published = await store.GetPublishedAsync(FeeScheduleKind.Name, ct);
        // Compiled once per set of published versions (the platform's are fixed for the process): the same documents
        // give the same rules, so a calculation does not compile the expressions again (docs/adr/0030, benchmark).
        var key = CompiledSchedules.KeyOf(published.Select(d => (d.Key, d.Version, d.Spec.ToJsonString())));
        return compiled.GetOrAdd(key, () => Merge([.. platform.All, .. published.Select(d => FeeSchedule.Read(d.Key, d.Spec))]));
    }

    internal static ApplicableSchedule Merge(IReadOnlyList<FeeSchedule> schedules)
    {
        var lines = new List<TariffLine>();
        foreach (var schedule in schedules)
        {
            foreach (var line in schedule.Lines)
            {
                if (lines.Any(l => l.Code == line.Code && line.ValidFrom <= (l.ValidTo ?? DateOnly.MaxValue) && l.ValidFrom <= (line.ValidTo ?? DateOnly.MaxValue)))
                {
                    throw FeesProblems.ScheduleConflict(line.Code, schedule.Key);
                }

                lines.Add(line);
            }
        }

        var schema = FeeRuleCompiler.SchemaOf(lines.Select(l => l.Code));
        var (rules, errors) = FeeRuleCompiler.Compile(schedules.SelectMany(s => s.Rules), schema);
        if (errors.Count > 0)
        {
            throw FeesProblems.RuleInvalid(errors[0].Path, errors[0].Error.ToString());
        }

        return new ApplicableSchedule(lines, rules, schema, [.. schedules.Select(s => s.Key)]);
    }
}

/// <summary>
/// Applicable schedules compiled once per content (the published documents' keys, versions and specs, hashed): an
/// authority's calculation reuses its compiled rules until a schedule is published again. Bounded: when full, it
/// starts over.
/// </summary>
internal sealed class CompiledSchedules
{
    public const int Capacity = 512;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ApplicableSchedule> entries = new(StringComparer.Ordinal);

    public static string KeyOf(IEnumerable<(string Key, int Version, string Spec)> documents)
    {
        var text = string.Join("\u0001", documents.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key}\u0002{d.Version}\u0002{d.Spec}")));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    public ApplicableSchedule GetOrAdd(string key, Func<ApplicableSchedule> compile)
    {
        ArgumentNullException.ThrowIfNull(compile);
        if (entries.TryGetValue(key, out var schedule))
        {
            return schedule;
        }

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        return entries.GetOrAdd(key, _ => compile());
    }
}

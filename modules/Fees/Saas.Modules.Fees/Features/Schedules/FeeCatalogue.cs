namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>What applies in the current authority: the platform's lines and rules, then its own published schedules' (docs/adr/0027).</summary>
internal sealed record ApplicableSchedule(IReadOnlyList<TariffLine> Lines, IReadOnlyList<CompiledRule> Rules, ExpressionSchema Schema, IReadOnlyList<string> Sources);

/// <summary>
/// Merges the platform's federal schedule with the current authority's published <c>fee-schedule</c> documents and
/// compiles the rules against every tariff code of both. A local line may add a code, never redefine a federal one in
/// the same period (refused: the federal amount is not the authority's to change).
/// </summary>
internal sealed class FeeCatalogue(PlatformFeeSchedules platform, IMetadataStore store)
{
    public async Task<ApplicableSchedule> CurrentAsync(CancellationToken ct)
    {
        var local = (await store.GetPublishedAsync(FeeScheduleKind.Name, ct)).Select(d => FeeSchedule.Read(d.Key, d.Spec)).ToList();
        return Merge([.. platform.All, .. local]);
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

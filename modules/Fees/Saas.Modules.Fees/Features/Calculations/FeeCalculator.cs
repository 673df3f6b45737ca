using Saas.Modules.Fees.Features.Schedules;

namespace Saas.Modules.Fees.Features.Calculations;

/// <summary>
/// Computes a fee from the applicable schedule: the tariff line valid on the date is the base; each rule whose
/// <c>when</c> holds sets the fee to its <c>amount</c>, in order, until a final rule. Every step is explained in German
/// and English from the text catalogue (<c>fees.explain.*</c>), with the reason the kernel gives for the condition.
/// Deterministic: the date is the caller's, the clock is never read.
/// </summary>
internal static class FeeCalculator
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static FeeQuote Calculate(ApplicableSchedule schedule, FeeQuoteRequest request)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(request);
        var facts = request.Facts ?? throw FeesProblems.FactsInvalid("facts");
        if (!FeeOutcomes.All.Contains(facts.Outcome ?? "", StringComparer.Ordinal))
        {
            throw FeesProblems.OutcomeUnknown(facts.Outcome ?? "", string.Join(", ", FeeOutcomes.All));
        }

        if (facts.Age is < 0 or > 150)
        {
            throw FeesProblems.FactsInvalid("age");
        }

        var date = request.Date;
        var line = schedule.Lines.FirstOrDefault(l => l.Code == request.Tariff && l.ValidOn(date))
            ?? throw FeesProblems.TariffNotFound(request.Tariff ?? "", date);

        var values = schedule.Schema.NewValues()
            .Set("person.age", (decimal)facts.Age)
            .Set("person.nationalities", facts.Nationalities ?? [])
            .Set("person.benefits", facts.Benefits ?? [])
            .Set("person.refugee", facts.Refugee)
            .Set("person.scholarship", facts.Scholarship)
            .Set("case.outcome", facts.Outcome!)
            .Set("case.express", facts.Express)
            .Set("case.legalBasis", facts.LegalBasis ?? "")
            .Set("case.date", date)
            .Set("line.code", line.Code)
            .Set("line.category", line.Category)
            .Set("base", Money.Euro(line.Amount));
        foreach (var tariff in schedule.Lines.Where(l => l.ValidOn(date)))
        {
            values.Set(FeeRuleCompiler.TariffPrefix + tariff.Code, Money.Euro(tariff.Amount));
        }

        var fee = line.Amount;
        var confirmed = line.Confirmed;
        var baseText = LocalizedText.Of("fees.explain.base", ("name", line.Name), ("nameEn", line.NameEn ?? line.Name), ("basis", line.LegalBasis),
            ("amount", Money.Euro(fee)));
        var lines = new List<FeeQuoteLine> { Line(null, line.Name, line.LegalBasis, fee, fee, baseText) };
        foreach (var compiled in schedule.Rules)
        {
            values.Set("fee", Money.Euro(fee));
            // Without the explanation first: most rules do not apply, and only one that does needs its reason.
            var holds = compiled.When.Evaluate(values, date);
            if (holds.Error is { } whenError)
            {
                throw FeesProblems.RuleFailed(compiled.Rule.Key, TextCatalog.Shared.Format(whenError));
            }

            if (!holds.IsTrue)
            {
                continue;
            }

            var when = compiled.When.Evaluate(values, date, explain: true);

            var amount = compiled.Amount.Evaluate(values, date);
            if (amount.Error is { } amountError)
            {
                throw FeesProblems.RuleFailed(compiled.Rule.Key, TextCatalog.Shared.Format(amountError));
            }

            var after = amount.Value.AsMoney.Amount;
            if (after < 0)
            {
                throw FeesProblems.RuleFailed(compiled.Rule.Key, after.ToString(CultureInfo.InvariantCulture));
            }

            var rule = compiled.Rule;
            confirmed &= rule.Confirmed;
            var text = LocalizedText.Of("fees.explain.rule", ("rule", rule.Name), ("ruleEn", rule.NameEn ?? rule.Name), ("basis", rule.LegalBasis),
                ("before", Money.Euro(fee)), ("after", Money.Euro(after)), ("reason", when.Explanation ?? new LocalizedText("fees.explain.holds")));
            lines.Add(Line(rule.Key, rule.Name, rule.LegalBasis, fee, after, text));
            fee = after;
            if (rule.Final)
            {
                break;
            }
        }

        return new FeeQuote(line.Code, line.Name, line.NameEn ?? line.Name, line.LegalBasis, date, fee, "EUR", confirmed, lines);
    }

    private static FeeQuoteLine Line(string? rule, string name, string basis, decimal before, decimal after, LocalizedText text) =>
        new(rule, name, basis, before, after, TextCatalog.Shared.Format(text, German), TextCatalog.Shared.Format(text, English));
}

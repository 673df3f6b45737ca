using System.Diagnostics;
using Saas.Platform.Expressions;
using Saas.Platform.Texts;

namespace Saas.Benchmarks;

/// <summary>
/// The guards of one transition (issue 12): a role check through a variable, the legal basis in a list, a required
/// document present, a date comparison with today() plus a duration, and a money threshold — five compiled
/// expressions, with the case's values bound for each evaluation as a caller binds them, against the same five rules
/// written in C#. Both run interleaved in the same process over the same rotating cases. One sample is a batch of
/// evaluations (a single one is below the timer's resolution), reported per transition. Target: p95 ratio ≤ 5.
/// </summary>
internal static class GuardsBenchmark
{
    private const int Batch = 200;
    private const int Warmup = 500;
    private const int Rounds = 5_000;

    private sealed record CaseData(string[] Roles, string LegalBasis, string[] Documents, DateOnly ApplicationDate, Money Income);

    private static readonly string[] Guards =
    [
        "'sachbearbeitung' in user.roles",
        "case.legalBasis in ['§ 18a AufenthG', '§ 18b AufenthG', '§ 19c AufenthG', '§ 81a AufenthG']",
        "contains(documents, 'arbeitsvertrag')",
        "today() < case.applicationDate + 18 months",
        "form.income >= 1500 EUR",
    ];

    private static readonly string[] AllowedBases = ["§ 18a AufenthG", "§ 18b AufenthG", "§ 19c AufenthG", "§ 81a AufenthG"];

    public static Task<bool> RunAsync()
    {
        var schema = new ExpressionSchema([
            new("user.roles", ExpressionType.ListOf(ExpressionType.String)),
            new("case.legalBasis", ExpressionType.String),
            new("documents", ExpressionType.ListOf(ExpressionType.String), new LocalizedText("platform.expressions.subject.evidence")),
            new("case.applicationDate", ExpressionType.Date),
            new("form.income", ExpressionType.Euro),
        ]);
        var guardTexts = Guards;
        var guards = guardTexts.Select(g => ExpressionCompiler.Compile(g, schema, ExpressionType.Bool).Expression
            ?? throw new InvalidOperationException($"Guard does not compile: {g}")).ToArray();
        var today = new DateOnly(2026, 12, 2);

        // The transition's guards as one condition (their conjunction): one evaluation, which stops at the first
        // guard that fails, as the hand-written && does; the explanation names that guard.
        var conjunction = ExpressionCompiler.Compile(string.Join(" and ", guardTexts.Select(g => "(" + g + ")")), schema, ExpressionType.Bool).Expression!;
        var cases = Enumerable.Range(0, 64).Select(i => new CaseData(
            i % 5 == 0 ? ["empfang"] : ["empfang", "sachbearbeitung"],
            AllowedBases[i % 4] + (i % 7 == 0 ? " alt" : ""),
            i % 3 == 0 ? ["reisepass", "meldebescheinigung"] : ["reisepass", "meldebescheinigung", "arbeitsvertrag"],
            new DateOnly(2025, 1, 1).AddDays(i * 9),
            Money.Euro(1200m + i * 10m))).ToArray();

        var values = schema.NewValues();
        int roles = values.SlotOf("user.roles"), basis = values.SlotOf("case.legalBasis"), documents = values.SlotOf("documents"),
            applied = values.SlotOf("case.applicationDate"), income = values.SlotOf("form.income");
        var open = 0;

        int Expressions(int round)
        {
            var passed = 0;
            for (var k = 0; k < Batch; k++)
            {
                var c = cases[(round + k) & 63];
                values.Set(roles, c.Roles).Set(basis, c.LegalBasis).Set(documents, c.Documents).Set(applied, c.ApplicationDate).Set(income, c.Income);
                foreach (var guard in guards)
                {
                    passed += guard.Holds(values, today) == true ? 1 : 0;
                }
            }

            return passed;
        }

        int Conjunction(int round)
        {
            var passed = 0;
            for (var k = 0; k < Batch; k++)
            {
                var c = cases[(round + k) & 63];
                values.Set(roles, c.Roles).Set(basis, c.LegalBasis).Set(documents, c.Documents).Set(applied, c.ApplicationDate).Set(income, c.Income);
                passed += conjunction.Evaluate(values, today).IsTrue ? 1 : 0;
            }

            return passed;
        }

        int HandWrittenAll(int round)
        {
            var passed = 0;
            for (var k = 0; k < Batch; k++)
            {
                var c = cases[(round + k) & 63];
                passed += c.Roles.Contains("sachbearbeitung", StringComparer.Ordinal)
                    && AllowedBases.Contains(c.LegalBasis, StringComparer.Ordinal)
                    && c.Documents.Contains("arbeitsvertrag", StringComparer.Ordinal)
                    && today < c.ApplicationDate.AddMonths(18)
                    && c.Income.Currency == "EUR" && c.Income.Amount >= 1500m ? 1 : 0;
            }

            return passed;
        }

        int HandWritten(int round)
        {
            var passed = 0;
            for (var k = 0; k < Batch; k++)
            {
                var c = cases[(round + k) & 63];
                passed += c.Roles.Contains("sachbearbeitung", StringComparer.Ordinal) ? 1 : 0;
                passed += AllowedBases.Contains(c.LegalBasis, StringComparer.Ordinal) ? 1 : 0;
                passed += c.Documents.Contains("arbeitsvertrag", StringComparer.Ordinal) ? 1 : 0;
                passed += today < c.ApplicationDate.AddMonths(18) ? 1 : 0;
                passed += c.Income.Currency == "EUR" && c.Income.Amount >= 1500m ? 1 : 0;
            }

            return passed;
        }

        // The evaluation alone: the values of one case bound once (what binding costs is the difference).
        var boundValues = schema.NewValues();
        boundValues.Set(roles, cases[1].Roles).Set(basis, cases[1].LegalBasis).Set(documents, cases[1].Documents).Set(applied, cases[1].ApplicationDate).Set(income, cases[1].Income);
        int EvaluationAlone(int round)
        {
            var passed = 0;
            for (var k = 0; k < Batch; k++)
            {
                foreach (var guard in guards)
                {
                    passed += guard.Evaluate(boundValues, today).IsTrue ? 1 : 0;
                }
            }

            return passed;
        }

        int Explained(int round)
        {
            var passed = 0;
            for (var k = 0; k < Batch; k++)
            {
                var c = cases[(round + k) & 63];
                values.Set(roles, c.Roles).Set(basis, c.LegalBasis).Set(documents, c.Documents).Set(applied, c.ApplicationDate).Set(income, c.Income);
                foreach (var guard in guards)
                {
                    passed += guard.Evaluate(values, today, explain: true).Explanation is not null ? 1 : 0;
                }
            }

            return passed;
        }

        // The same answers, or the comparison means nothing.
        if (Expressions(0) != HandWritten(0) || Conjunction(0) != HandWrittenAll(0))
        {
            throw new InvalidOperationException("The expressions and the hand-written rules disagree.");
        }

        var expression = new Samples();
        var baseline = new Samples();
        var explained = new Samples();
        var alone = new Samples();
        var together = new Samples();
        var baselineAll = new Samples();
        for (var i = 0; i < Warmup + Rounds; i++)
        {
            TimeSpan e = default, h = default, x = default, a = default, t = default, ha = default;
            for (var k = 0; k < 6; k++)
            {
                var start = Stopwatch.GetTimestamp();
                switch ((i + k) % 6)
                {
                    case 4:
                        open += Conjunction(i);
                        t = Stopwatch.GetElapsedTime(start);
                        break;
                    case 5:
                        open += HandWrittenAll(i);
                        ha = Stopwatch.GetElapsedTime(start);
                        break;
                    case 3:
                        open += EvaluationAlone(i);
                        a = Stopwatch.GetElapsedTime(start);
                        break;
                    case 0:
                        open += Expressions(i);
                        e = Stopwatch.GetElapsedTime(start);
                        break;
                    case 1:
                        open += HandWritten(i);
                        h = Stopwatch.GetElapsedTime(start);
                        break;
                    default:
                        open += Explained(i);
                        x = Stopwatch.GetElapsedTime(start);
                        break;
                }
            }

            if (i >= Warmup)
            {
                expression.Add(e, Batch);
                baseline.Add(h, Batch);
                explained.Add(x, Batch);
                alone.Add(a, Batch);
                together.Add(t, Batch);
                baselineAll.Add(ha, Batch);
            }
        }

        var ratio95 = expression.Percentile(95) / baseline.Percentile(95);
        Console.WriteLine($"guards benchmark: 5 guards of one transition, {Rounds} interleaved samples of {Batch} evaluations each (figures per transition), 64 rotating cases ({open} guards open)");
        Console.WriteLine($"  baseline   hand-written C# rules:                      p50 {baseline.Percentile(50),6:F3} µs  p95 {baseline.Percentile(95),6:F3} µs");
        Console.WriteLine($"  expression each guard (Holds), values bound per case:  p50 {expression.Percentile(50),6:F3} µs  p95 {expression.Percentile(95),6:F3} µs  ratio p50 {expression.Percentile(50) / baseline.Percentile(50):F2} p95 {ratio95:F2}");
        Console.WriteLine($"  breakdown  each guard (Evaluate), values bound once:   p50 {alone.Percentile(50),6:F3} µs  p95 {alone.Percentile(95),6:F3} µs  ratio p95 {alone.Percentile(95) / baseline.Percentile(95):F2}");
        Console.WriteLine($"  explained  the same with an explanation for each:      p50 {explained.Percentile(50),6:F3} µs  p95 {explained.Percentile(95),6:F3} µs  ratio p95 {explained.Percentile(95) / baseline.Percentile(95):F2}");
        var together95 = together.Percentile(95) / baselineAll.Percentile(95);
        Console.WriteLine($"  baseline   hand-written C#, the five rules joined by &&: p50 {baselineAll.Percentile(50),6:F3} µs  p95 {baselineAll.Percentile(95),6:F3} µs");
        Console.WriteLine($"  expression the five guards as one conjunction:         p50 {together.Percentile(50),6:F3} µs  p95 {together.Percentile(95),6:F3} µs  ratio p50 {together.Percentile(50) / baselineAll.Percentile(50):F2} p95 {together95:F2}");
        Console.WriteLine($"  target p95 ratio <= 5: each guard on its own {(ratio95 <= 5 ? "OK" : "MISSED")} ({ratio95:F2}); as one conjunction {(together95 <= 5 ? "OK" : "MISSED")} ({together95:F2})");
        return Task.FromResult(ratio95 <= 5 && together95 <= 5);
    }
}

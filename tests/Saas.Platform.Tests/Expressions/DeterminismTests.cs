using Saas.Platform.Expressions;

namespace Saas.Platform.Tests.Expressions;

/// <summary>The clock is the caller's: the same inputs and date give the same result, on any thread, however often.</summary>
public sealed class DeterminismTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Today_IsTheCallersDate_InTheAuthoritysTimeZone()
    {
        var deadline = Expr.Compile("today() <= case.applicationDate + 2 years", ExpressionType.Bool);
        var values = Expr.Values().Set("case.applicationDate", new DateOnly(2024, 12, 31));

        // 23:30 UTC on 31 December is already 1 January in Berlin: the deadline (31 December) has passed there.
        var lastEvening = new FixedClock(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));
        CompiledExpression.Today(lastEvening, Berlin).ShouldBe(new DateOnly(2027, 1, 1));
        deadline.Evaluate(values, lastEvening, Berlin).IsTrue.ShouldBeFalse();
        deadline.Evaluate(values, lastEvening, TimeZoneInfo.Utc).IsTrue.ShouldBeTrue();
        deadline.Evaluate(values, new DateOnly(2026, 12, 31)).IsTrue.ShouldBeTrue();
        deadline.Evaluate(values, new DateOnly(2027, 1, 1)).IsTrue.ShouldBeFalse();
    }

    [Fact]
    public void TheSameInputs_GiveTheSameResultAndExplanation_OnEveryThread()
    {
        var compiled = Expr.Compile("any(documents, d => startsWith(d, 'arbeit')) and today() - case.applicationDate > 400 and sum(payments) > 30 EUR");
        var expected = compiled.Evaluate(Expr.Values(), Expr.Today, explain: true);
        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, _ =>
        {
            var values = Expr.Values();
            for (var i = 0; i < 50; i++)
            {
                var result = compiled.Evaluate(values, Expr.Today, explain: true);
                results.Add(result.Value.AsBool + " " + Expr.English(result.Explanation!));
            }
        });

        results.Distinct().ShouldBe([expected.Value.AsBool + " " + Expr.English(expected.Explanation!)]);
        expected.Value.AsBool.ShouldBeTrue();
    }

    [Fact]
    public void Holds_AnswersLikeEvaluate_AndNullWhenTheEvaluationStopped()
    {
        Expr.Compile("'arbeitsvertrag' in documents").Holds(Expr.Values(), Expr.Today).ShouldBe(true);
        Expr.Compile("'mietvertrag' in documents").Holds(Expr.Values(), Expr.Today).ShouldBe(false);
        Expr.Compile("unset == 'x'").Holds(Expr.Values(), Expr.Today).ShouldBeNull();
        Expr.Compile("1 / 0 > 1").Holds(Expr.Values(), Expr.Today).ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => Expr.Compile("1 + 1").Holds(Expr.Values(), Expr.Today));
    }

    [Fact]
    public void ValuesForAnotherSchema_AreRefused() =>
        Should.Throw<ArgumentException>(() => Expr.Compile("true").Evaluate(new ExpressionSchema([]).NewValues(), Expr.Today));
}

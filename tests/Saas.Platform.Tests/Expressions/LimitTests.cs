using System.Diagnostics;
using Saas.Platform.Expressions;

namespace Saas.Platform.Tests.Expressions;

/// <summary>Every limit stops with its own clear error, quickly, and never overflows the stack or hangs.</summary>
public sealed class LimitTests
{
    [Fact]
    public void AHugeExpression_IsRefusedBeforeItIsTokenized()
    {
        var huge = string.Join(" + ", Enumerable.Repeat("1", 100_000));
        var started = Stopwatch.GetTimestamp();
        var error = Expr.Error(huge);
        error.Message.Key.ShouldBe("platform.expressions.too-long");
        Expr.English(error.Message).ShouldBe("The expression is longer than 4000 characters.");
        (error.Line, error.Column).ShouldBe((1, 4001));
        Stopwatch.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("(", ")", 33)]
    [InlineData("not ", "", 129)]
    [InlineData("-", "", 33)]
    [InlineData("abs(", ")", 129)]
    [InlineData("[", "]", 33)]
    [InlineData("if true then 1 else ", "", 31 * 20 + 4)]
    public void DeepNesting_IsRefusedAtTheLevelThatIsTooDeep(string open, string close, int column)
    {
        // 1,000 levels would overflow a recursive parser's stack long before; the limit stops at level 33.
        var levels = 1_000;
        var text = string.Concat(Enumerable.Repeat(open, levels)) + "true" + string.Concat(Enumerable.Repeat(close, levels));
        var error = Expr.Error(text, limits: new ExpressionLimits(MaxLength: 100_000));
        error.Message.Key.ShouldBe("platform.expressions.too-deep");
        Expr.German(error.Message).ShouldBe("Der Ausdruck ist mehr als 32 Ebenen tief verschachtelt.");
        error.Column.ShouldBe(column);
    }

    [Fact]
    public void NestingWithinTheLimit_Compiles() =>
        Expr.Eval(string.Concat(Enumerable.Repeat("(", 31)) + "1" + string.Concat(Enumerable.Repeat(")", 31))).ShouldBe("1");

    [Fact]
    public void TooManyParts_AreRefused()
    {
        var text = string.Join(" + ", Enumerable.Repeat("1", 300));
        var error = Expr.Error(text);
        error.Message.Key.ShouldBe("platform.expressions.too-many-nodes");
        Expr.English(error.Message).ShouldBe("The expression has 599 parts, more than the 500 allowed.");
        Expr.Eval(string.Join(" + ", Enumerable.Repeat("1", 250))).ShouldBe("250");
    }

    [Fact]
    public void ALargeListExpression_ExhaustsTheStepBudget_WithAClearError()
    {
        var values = Expr.Values().Set("documents", Enumerable.Range(0, 1_000).Select(i => "doc-" + i).ToArray());
        var quadratic = Expr.Compile("any(documents, d => any(documents, e => d == e + 'x'))");
        var started = Stopwatch.GetTimestamp();
        var result = quadratic.Evaluate(values, Expr.Today);
        Stopwatch.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.Error!.Key.ShouldBe("platform.expressions.steps-exhausted");
        Expr.English(result.Error).ShouldBe("The evaluation took more than 10000 steps and was stopped.");
        result.IsTrue.ShouldBeFalse();
    }

    [Theory]
    [InlineData("count(documents) > 0")]
    [InlineData("sum(scores) > 0")]
    [InlineData("'x' in documents")]
    [InlineData("all(documents, d => true)")]
    public void ListFunctions_PayOneStepPerEntry(string expression)
    {
        var compiled = Expr.Compile(expression);
        var small = Expr.Values().Set("documents", ["a"]).Set("scores", [1m]);
        var large = Expr.Values().Set("documents", Enumerable.Repeat("a", 200).ToArray()).Set("scores", Enumerable.Repeat(1m, 200).ToArray());
        compiled.Evaluate(small, Expr.Today, steps: 100).Error.ShouldBeNull();
        compiled.Evaluate(large, Expr.Today, steps: 100).Error!.Key.ShouldBe("platform.expressions.steps-exhausted");
    }

    [Fact]
    public void ACallerMayOnlyLowerTheBudget()
    {
        var compiled = Expr.Compile("1 + 1 == 2", limits: new ExpressionLimits(MaxSteps: 3));
        compiled.Evaluate(Expr.Values(), Expr.Today).Error!.Key.ShouldBe("platform.expressions.steps-exhausted");
        compiled.Evaluate(Expr.Values(), Expr.Today, steps: 1_000).Error!.Key.ShouldBe("platform.expressions.steps-exhausted");
        Expr.Compile("1 + 1 == 2").Evaluate(Expr.Values(), Expr.Today, steps: 5).Error.ShouldBeNull();
    }
}

using System.Globalization;
using Saas.Platform.Expressions;
using Saas.Platform.Texts;

namespace Saas.Platform.Tests.Expressions;

/// <summary>The declared variables and the case every expression test evaluates against, with a fixed today.</summary>
internal static class Expr
{
    public static readonly DateOnly Today = new(2026, 12, 2);

    public static readonly TextCatalog Texts = TextCatalog.Load([typeof(TextCatalog).Assembly]);

    public static readonly ExpressionSchema Schema = new([
        new("case.legalBasis", ExpressionType.String),
        new("case.applicationDate", ExpressionType.Date),
        new("case.fee", ExpressionType.Euro),
        new("person.birthDate", ExpressionType.Date),
        new("person.name", ExpressionType.String),
        new("form.income", ExpressionType.Euro),
        new("form.children", ExpressionType.Number),
        new("form.complete", ExpressionType.Bool),
        new("form.period", ExpressionType.Duration),
        new("form.dollars", ExpressionType.Money("USD")),
        new("documents", ExpressionType.ListOf(ExpressionType.String), new LocalizedText("platform.expressions.subject.evidence")),
        new("user.roles", ExpressionType.ListOf(ExpressionType.String)),
        new("payments", ExpressionType.ListOf(ExpressionType.Euro)),
        new("scores", ExpressionType.ListOf(ExpressionType.Number)),
        new("visits", ExpressionType.ListOf(ExpressionType.Date)),
        new("unset", ExpressionType.String),
    ]);

    public static ExpressionValues Values() => Schema.NewValues()
        .Set("case.legalBasis", "§ 18b AufenthG")
        .Set("case.applicationDate", new DateOnly(2025, 8, 31))
        .Set("case.fee", Money.Euro(100m))
        .Set("person.birthDate", new DateOnly(1990, 2, 28))
        .Set("person.name", "Olena Kovalenko")
        .Set("form.income", Money.Euro(1234.50m))
        .Set("form.children", 2m)
        .Set("form.complete", true)
        .Set("form.period", new Duration(18, 0))
        .Set("form.dollars", new Money(10m, "USD"))
        .Set("documents", ["reisepass", "arbeitsvertrag", "meldebescheinigung"])
        .Set("user.roles", ["sachbearbeitung"])
        .Set("payments", [Money.Euro(10.10m), Money.Euro(20.20m)])
        .Set("scores", [1.5m, 2.25m, 3m])
        .Set("visits", [new DateOnly(2026, 1, 5), new DateOnly(2026, 11, 30)]);

    public static CompiledExpression Compile(string text, ExpressionType? expected = null, ExpressionLimits? limits = null)
    {
        var compiled = ExpressionCompiler.Compile(text, Schema, expected, limits);
        compiled.Errors.ShouldBeEmpty(text);
        return compiled.Expression!;
    }

    /// <summary>The expression's value written invariantly: 2.50, 2026-12-02, 12.50 EUR, 18m0d, [a, b].</summary>
    public static string Eval(string text, ExpressionValues? values = null)
    {
        var compiled = Compile(text);
        var result = compiled.Evaluate(values ?? Values(), Today);
        result.Error.ShouldBeNull(text);
        return Write(result.Boxed);
    }

    public static string Write(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Money m => m.Amount.ToString(CultureInfo.InvariantCulture) + " " + m.Currency,
        Duration d => $"{d.Months}m{d.Days}d",
        string s => s,
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object>().Select(Write)) + "]",
        _ => "?",
    };

    /// <summary>The single error of an expression that must not compile; its text exists in German and English.</summary>
    public static ExpressionError Error(string text, ExpressionType? expected = null, ExpressionLimits? limits = null) => Error(ExpressionSource.Plain(text), expected, limits);

    public static ExpressionError Error(ExpressionSource source, ExpressionType? expected = null, ExpressionLimits? limits = null)
    {
        var compiled = ExpressionCompiler.Compile(source, Schema, expected, limits);
        compiled.Expression.ShouldBeNull(source.Text);
        compiled.Errors.Count.ShouldBe(1, source.Text);
        var error = compiled.Errors[0];
        HasTexts(error.Message);
        return error;
    }

    /// <summary>The text and every text inside it exist in both languages.</summary>
    public static void HasTexts(LocalizedText text)
    {
        Texts.Has("de", text.Key).ShouldBeTrue(text.Key);
        Texts.Has("en", text.Key).ShouldBeTrue(text.Key);
        foreach (var nested in text.Arguments.Select(a => a.Value).OfType<LocalizedText>())
        {
            HasTexts(nested);
        }
    }

    public static string German(LocalizedText text) => Texts.Format(text, CultureInfo.GetCultureInfo("de-DE"));

    public static string English(LocalizedText text) => Texts.Format(text, CultureInfo.GetCultureInfo("en-GB"));
}

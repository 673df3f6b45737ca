namespace Saas.Platform.Tests.Expressions;

/// <summary>Every operator on every type it is defined for, decimals exact, dates by the calendar.</summary>
public sealed class OperatorTests
{
    [Theory]
    // decimals, never double: 0.1 + 0.2 is 0.3 exactly, the scale of the operands is kept
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("0.1 + 0.2 == 0.3", "true")]
    [InlineData("1.50 + 1", "2.50")]
    [InlineData("10 - 12.5", "-2.5")]
    [InlineData("1 -2", "-1")]
    [InlineData("1-2", "-1")]
    [InlineData("3 * 0.25", "0.75")]
    [InlineData("1 / 4", "0.25")]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("24 / 4 / 2", "3")]
    [InlineData("-form.children", "-2")]
    [InlineData("- -3", "3")]
    [InlineData("form.children * 2 + 1", "5")]
    // money
    [InlineData("form.income + case.fee", "1334.50 EUR")]
    [InlineData("form.income - 34.50 EUR", "1200.00 EUR")]
    [InlineData("case.fee * 1.5", "150.0 EUR")]
    [InlineData("2 * case.fee", "200 EUR")]
    [InlineData("case.fee / 4", "25 EUR")]
    [InlineData("form.income / case.fee", "12.345")]
    [InlineData("-case.fee", "-100 EUR")]
    [InlineData("10 USD + form.dollars", "20 USD")]
    // dates and durations
    [InlineData("case.applicationDate + 18 months", "2027-02-28")]
    [InlineData("18 months + case.applicationDate", "2027-02-28")]
    [InlineData("case.applicationDate + 1 month + 1 day", "2025-10-01")]
    [InlineData("case.applicationDate + 30 days", "2025-09-30")]
    [InlineData("case.applicationDate + 2 weeks", "2025-09-14")]
    [InlineData("person.birthDate + 1 year", "1991-02-28")]
    [InlineData("today() - 3 years", "2023-12-02")]
    [InlineData("today() - case.applicationDate", "458")]
    [InlineData("case.applicationDate + form.period", "2027-02-28")]
    [InlineData("form.period + 10 days", "18m10d")]
    [InlineData("form.period - 6 months", "12m0d")]
    [InlineData("-form.period", "-18m0d")]
    // strings
    [InlineData("'Frau ' + person.name", "Frau Olena Kovalenko")]
    [InlineData("\"a\\\"b\" + 'c\\'d'", "a\"bc'd")]
    public void Arithmetic(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    [Theory]
    [InlineData("1 == 1.0", "true")]
    [InlineData("1 != 2", "true")]
    [InlineData("1 < 2", "true")]
    [InlineData("2 < 2", "false")]
    [InlineData("2 <= 2", "true")]
    [InlineData("3 <= 2", "false")]
    [InlineData("3 > 2", "true")]
    [InlineData("2 > 2", "false")]
    [InlineData("2 >= 2", "true")]
    [InlineData("1 >= 2", "false")]
    [InlineData("form.income >= 1234.50 EUR", "true")]
    [InlineData("form.income > 1234.50 EUR", "false")]
    [InlineData("form.income < 1500 EUR", "true")]
    [InlineData("case.fee == 100.00 EUR", "true")]
    [InlineData("today() < case.applicationDate + 18 months", "true")]
    [InlineData("today() > date(\"2026-12-01\")", "true")]
    [InlineData("today() == date('2026-12-02')", "true")]
    [InlineData("today() != date('2026-12-02')", "false")]
    [InlineData("today() >= date('2026-12-03')", "false")]
    [InlineData("today() <= date('2026-12-02')", "true")]
    [InlineData("case.legalBasis == '§ 18b AufenthG'", "true")]
    [InlineData("case.legalBasis != '§ 18b AufenthG'", "false")]
    [InlineData("'a' == 'A'", "false")]
    [InlineData("form.complete == true", "true")]
    [InlineData("true != false", "true")]
    [InlineData("form.period == 18 months", "true")]
    [InlineData("form.period == 1 year + 6 months", "true")]
    [InlineData("12 months == 1 year", "true")]
    [InlineData("30 days == 1 month", "false")]
    public void Comparisons(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    [Theory]
    [InlineData("true and true", "true")]
    [InlineData("true and false", "false")]
    [InlineData("false or true", "true")]
    [InlineData("false or false", "false")]
    [InlineData("not false", "true")]
    [InlineData("not not true", "true")]
    [InlineData("not 1 == 2", "true")]
    [InlineData("true or false and false", "true")]
    [InlineData("(true or false) and false", "false")]
    [InlineData("1 < 2 and 2 < 3 and 3 < 4", "true")]
    [InlineData("1 > 2 or 2 > 3 or 3 < 4", "true")]
    public void Logic(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    /// <summary>The right of an and is not evaluated when the left is false (nor of an or when it is true): the unset variable is never read.</summary>
    [Theory]
    [InlineData("false and unset == 'x'")]
    [InlineData("not (true or unset == 'x')")]
    [InlineData("if true then false else unset == 'x'")]
    public void AndOrIf_ShortCircuit(string expression) => Expr.Eval(expression).ShouldBe("false");

    [Fact]
    public void WithoutShortCircuit_TheUnsetVariableStopsTheEvaluation()
    {
        var result = Expr.Compile("true and unset == 'x'").Evaluate(Expr.Values(), Expr.Today);
        result.Error!.Key.ShouldBe("platform.expressions.unset-variable");
        Expr.English(result.Error).ShouldBe("Variable 'unset' has no value.");
        result.IsTrue.ShouldBeFalse();
    }

    [Theory]
    [InlineData("case.legalBasis in ['§ 18b AufenthG', '§ 19c AufenthG']", "true")]
    [InlineData("case.legalBasis in ['§ 16a AufenthG']", "false")]
    [InlineData("case.legalBasis not in ['§ 16a AufenthG']", "true")]
    [InlineData("'arbeitsvertrag' in documents", "true")]
    [InlineData("'mietvertrag' not in documents", "true")]
    [InlineData("2 in [1, form.children, 3]", "true")]
    [InlineData("today() in visits", "false")]
    [InlineData("date('2026-11-30') in visits", "true")]
    [InlineData("20.20 EUR in payments", "true")]
    [InlineData("3 in scores", "true")]
    [InlineData("[person.name, 'x']", "[Olena Kovalenko, x]")]
    [InlineData("if form.complete then 'decide' else 'request'", "decide")]
    [InlineData("if form.children > 2 then 1 else if form.children > 1 then 2 else 3", "2")]
    [InlineData("if false then case.fee else case.fee * 2", "200 EUR")]
    public void ListsAndConditionals(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    [Theory]
    [InlineData("1 / 0", "platform.expressions.division-by-zero")]
    [InlineData("case.fee / (form.children - 2)", "platform.expressions.division-by-zero")]
    [InlineData("79228162514264337593543950335 * 2", "platform.expressions.overflow")]
    [InlineData("date('9999-12-01') + 1 month", "platform.expressions.date-out-of-range")]
    [InlineData("date('0001-01-01') - 1 day", "platform.expressions.date-out-of-range")]
    [InlineData("unset == 'x'", "platform.expressions.unset-variable")]
    public void RuntimeErrors_AreResultsNotExceptions(string expression, string key)
    {
        var result = Expr.Compile(expression).Evaluate(Expr.Values(), Expr.Today);
        result.Succeeded.ShouldBeFalse();
        result.Error!.Key.ShouldBe(key);
        Expr.HasTexts(result.Error);
    }
}

namespace Saas.Platform.Tests.Expressions;

/// <summary>Every function of the language.</summary>
public sealed class FunctionTests
{
    [Theory]
    [InlineData("length(person.name)", "15")]
    [InlineData("length('')", "0")]
    [InlineData("startsWith(case.legalBasis, '§ 18')", "true")]
    [InlineData("startsWith(case.legalBasis, '§ 19')", "false")]
    [InlineData("endsWith(case.legalBasis, 'AufenthG')", "true")]
    [InlineData("endsWith(case.legalBasis, 'BeschV')", "false")]
    [InlineData("contains(person.name, 'Kova')", "true")]
    [InlineData("contains(person.name, 'kova')", "false")]
    [InlineData("upper(person.name)", "OLENA KOVALENKO")]
    [InlineData("lower('ÄÖÜ Straße')", "äöü straße")]
    [InlineData("trim('  a b  ')", "a b")]
    public void Strings(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    [Theory]
    [InlineData("count(documents)", "3")]
    [InlineData("count(['a'])", "1")]
    [InlineData("contains(documents, 'arbeitsvertrag')", "true")]
    [InlineData("contains(documents, 'mietvertrag')", "false")]
    [InlineData("contains(user.roles, 'sachbearbeitung')", "true")]
    [InlineData("any(documents, d => startsWith(d, 'arbeit'))", "true")]
    [InlineData("any(documents, d => startsWith(d, 'miet'))", "false")]
    [InlineData("all(documents, d => length(d) > 5)", "true")]
    [InlineData("all(documents, d => d != 'reisepass')", "false")]
    [InlineData("all(scores, s => s > 1)", "true")]
    [InlineData("any(visits, v => v > today() - 7 days)", "true")]
    [InlineData("any(payments, p => p > 20 EUR)", "true")]
    [InlineData("any(documents, d => any(user.roles, r => d == r))", "false")]
    [InlineData("sum(scores)", "6.75")]
    [InlineData("sum(payments)", "30.30 EUR")]
    [InlineData("sum([1, 2, 3.5])", "6.5")]
    public void Lists(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    [Theory]
    [InlineData("min(3, form.children)", "2")]
    [InlineData("max(3, form.children)", "3")]
    [InlineData("min(today(), case.applicationDate)", "2025-08-31")]
    [InlineData("max(form.income, 2000 EUR)", "2000 EUR")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("abs(-case.fee)", "100 EUR")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(case.fee / 3)", "33.33 EUR")]
    [InlineData("round(case.fee / 3, 0)", "33 EUR")]
    [InlineData("amount(form.income)", "1234.50")]
    [InlineData("today()", "2026-12-02")]
    [InlineData("date('2024-02-29')", "2024-02-29")]
    [InlineData("year(person.birthDate)", "1990")]
    [InlineData("month(person.birthDate)", "2")]
    [InlineData("day(person.birthDate)", "28")]
    [InlineData("daysBetween(case.applicationDate, today())", "458")]
    [InlineData("daysBetween(today(), case.applicationDate)", "-458")]
    [InlineData("today() + days(form.children)", "2026-12-04")]
    [InlineData("case.applicationDate + months(form.children * 9)", "2027-02-28")]
    [InlineData("year(today()) - year(person.birthDate) >= 18", "true")]
    public void NumbersAndDates(string expression, string expected) => Expr.Eval(expression).ShouldBe(expected);

    [Theory]
    [InlineData("round(2.5, 11)", "platform.expressions.round-digits")]
    [InlineData("round(2.5, 0.5)", "platform.expressions.round-digits")]
    [InlineData("days(1.5)", "platform.expressions.whole-duration")]
    [InlineData("months(2000000)", "platform.expressions.whole-duration")]
    public void ArgumentsOutOfRange_StopTheEvaluation(string expression, string key)
    {
        var result = Expr.Compile(expression).Evaluate(Expr.Values(), Expr.Today);
        result.Error!.Key.ShouldBe(key);
        Expr.HasTexts(result.Error);
    }
}

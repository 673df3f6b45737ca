using Saas.Platform.Expressions;

namespace Saas.Platform.Tests.Expressions;

/// <summary>Every type and syntax error, with the column it points at (1-based, in a one-line expression).</summary>
public sealed class CompileErrorTests
{
    [Theory]
    [InlineData("case.legalbasis == 'x'", "unknown-variable", 1)]
    [InlineData("person.name.first", "unknown-variable", 1)]
    [InlineData("1 + foo(2)", "unknown-function", 5)]
    [InlineData("length('a', 'b')", "argument-count", 1)]
    [InlineData("today(1)", "argument-count", 1)]
    [InlineData("length(3)", "argument-type", 8)]
    [InlineData("startsWith(person.name, 3)", "argument-type", 25)]
    [InlineData("contains(3, 'a')", "argument-type", 10)]
    [InlineData("sum(documents)", "argument-type", 5)]
    [InlineData("count(3)", "argument-type", 7)]
    [InlineData("min(1, today())", "argument-type", 8)]
    [InlineData("min('a', 'b')", "argument-type", 5)]
    [InlineData("abs('a')", "argument-type", 5)]
    [InlineData("round(today())", "argument-type", 7)]
    [InlineData("round(1, 'a')", "argument-type", 10)]
    [InlineData("amount(3)", "argument-type", 8)]
    [InlineData("year(3)", "argument-type", 6)]
    [InlineData("daysBetween(1, today())", "argument-type", 13)]
    [InlineData("daysBetween(today(), 1)", "argument-type", 22)]
    [InlineData("days('a')", "argument-type", 6)]
    [InlineData("upper(1)", "argument-type", 7)]
    [InlineData("date(person.name)", "date-literal", 1)]
    [InlineData("date('2026-02-30')", "invalid-date", 6)]
    [InlineData("1 + 'a'", "operator-types", 3)]
    [InlineData("today() + 3", "operator-types", 9)]
    [InlineData("case.fee + 3", "operator-types", 10)]
    [InlineData("case.fee * case.fee", "operator-types", 10)]
    [InlineData("'a' - 'b'", "operator-types", 5)]
    [InlineData("today() * 2", "operator-types", 9)]
    [InlineData("1 == 'a'", "operator-types", 3)]
    [InlineData("case.fee == 100", "operator-types", 10)]
    [InlineData("documents == documents", "operator-types", 11)]
    [InlineData("case.fee + form.dollars", "currency-mismatch", 10)]
    [InlineData("case.fee - 5 USD", "currency-mismatch", 10)]
    [InlineData("case.fee < 5 USD", "currency-mismatch", 10)]
    [InlineData("case.fee / form.dollars", "currency-mismatch", 10)]
    [InlineData("'a' < 'b'", "not-ordered", 5)]
    [InlineData("true > false", "not-ordered", 6)]
    [InlineData("form.period < 1 year", "not-ordered", 13)]
    [InlineData("-'a'", "unary-type", 1)]
    [InlineData("-today()", "unary-type", 1)]
    [InlineData("not 1", "unary-type", 1)]
    [InlineData("1 and true", "logic-type", 1)]
    [InlineData("true or 'x'", "logic-type", 9)]
    [InlineData("if 1 then 2 else 3", "condition-type", 4)]
    [InlineData("if true then 2 else 'x'", "branch-types", 21)]
    [InlineData("if true then case.fee else 1 USD", "branch-types", 28)]
    [InlineData("1 in 2", "not-a-list", 6)]
    [InlineData("1 in documents", "item-type", 1)]
    [InlineData("contains(documents, 1)", "item-type", 1)]
    [InlineData("[]", "empty-list", 1)]
    [InlineData("[1, 'a']", "list-mixed", 5)]
    [InlineData("[[1]]", "list-nested", 2)]
    [InlineData("any(documents, 'x')", "lambda-expected", 16)]
    [InlineData("any(3, d => true)", "not-a-list", 5)]
    [InlineData("any(documents, d => length(d))", "condition-type", 21)]
    [InlineData("any(documents, documents => true)", "name-in-use", 16)]
    [InlineData("any(documents, d => any(documents, d => true))", "name-in-use", 36)]
    [InlineData("length(d => true)", "lambda-not-allowed", 8)]
    [InlineData("18 monts", "unknown-unit", 4)]
    [InlineData("1.5 days", "whole-duration", 1)]
    [InlineData("1 +", "syntax-expected", 4)]
    [InlineData("(1 + 2", "syntax-expected", 7)]
    [InlineData("1 2", "syntax", 3)]
    [InlineData("if true then 1", "syntax-expected", 15)]
    [InlineData("1 < 2 < 3", "syntax", 7)]
    [InlineData("'open", "unterminated-string", 1)]
    [InlineData("1 # 2", "unexpected-character", 3)]
    [InlineData("   ", "empty", 1)]
    public void IsRefused_AtItsColumn(string expression, string key, int column)
    {
        var error = Expr.Error(expression);
        error.Message.Key.ShouldBe("platform.expressions." + key);
        (error.Line, error.Column).ShouldBe((1, column));
    }

    [Fact]
    public void AGuardThatIsNotBool_IsRefused()
    {
        var error = Expr.Error("case.fee * 2", ExpressionType.Bool);
        error.Message.Key.ShouldBe("platform.expressions.result-type");
        Expr.English(error.Message).ShouldBe("The expression must be bool, not money.");
        Expr.German(error.Message).ShouldBe("Der Ausdruck muss bool ergeben, nicht money.");
    }

    [Fact]
    public void SeveralMistakes_AreEachReportedOnce()
    {
        var compiled = ExpressionCompiler.Compile("nope == 1 and length(3) > 0 and (nope2 + 1) * 2 > 0", Expr.Schema);
        compiled.Errors.Select(e => (e.Message.Key, e.Column)).ShouldBe([
            ("platform.expressions.unknown-variable", 1),
            ("platform.expressions.argument-type", 22),
            ("platform.expressions.unknown-variable", 34),
        ]);
    }

    [Fact]
    public void Messages_ReadWellInBothLanguages()
    {
        var currency = Expr.Error("case.fee + form.dollars").Message;
        Expr.English(currency).ShouldBe("'+' mixes money and money<USD>: amounts in different currencies cannot be combined.");
        Expr.German(currency).ShouldBe("„+“ verbindet money und money<USD>: Beträge in verschiedenen Währungen lassen sich nicht verrechnen.");
        var syntax = Expr.Error("(1 + 2").Message;
        Expr.English(syntax).ShouldBe("Syntax error: unexpected end of expression, expected `)`.");
        Expr.German(syntax).ShouldBe("Syntaxfehler: unerwartet Ende des Ausdrucks, erwartet `)`.");
        var unknown = Expr.Error("case.legalbasis == 'x'").Message;
        Expr.German(unknown).ShouldBe("Unbekannte Variable „case.legalbasis“: sie ist nicht deklariert.");
    }

    [Theory]
    [InlineData("string", "string")]
    [InlineData("number", "number")]
    [InlineData("bool", "bool")]
    [InlineData("date", "date")]
    [InlineData("duration", "duration")]
    [InlineData("money", "money")]
    [InlineData("money<EUR>", "money")]
    [InlineData("money<USD>", "money<USD>")]
    [InlineData("list<string>", "list<string>")]
    [InlineData(" list<money<CHF>> ", "list<money<CHF>>")]
    public void DeclaredTypes_AreRead(string text, string written)
    {
        ExpressionType.TryParse(text, out var type).ShouldBeTrue();
        type.ToString().ShouldBe(written);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("list<list<string>>")]
    [InlineData("money<euro>")]
    [InlineData("list<>")]
    [InlineData(null)]
    public void UnknownTypes_AreNotRead(string? text) => ExpressionType.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void ASchema_RefusesBadOrDoubleNames()
    {
        Should.Throw<ArgumentException>(() => new ExpressionSchema([new("a", ExpressionType.Bool), new("a", ExpressionType.Bool)]));
        Should.Throw<ArgumentException>(() => new ExpressionSchema([new("case..x", ExpressionType.Bool)]));
        Should.Throw<ArgumentException>(() => new ExpressionSchema([new("not", ExpressionType.Bool)]));
        ExpressionSchema.Parse([new("form.income", "money")]).Variables[0].Type.ShouldBe(ExpressionType.Euro);
    }

    [Fact]
    public void Values_OfAnotherTypeThanDeclared_AreRefused()
    {
        var values = Expr.Schema.NewValues();
        Should.Throw<ArgumentException>(() => values.Set("case.legalBasis", 3m));
        Should.Throw<ArgumentException>(() => values.Set("form.income", new Money(3m, "USD")));
        Should.Throw<ArgumentException>(() => values.Set("documents", [1m]));
        Should.Throw<ArgumentException>(() => values.Set("nope", "x"));
    }
}

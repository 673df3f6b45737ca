using Saas.Platform.Expressions;

namespace Saas.Platform.Tests.Expressions;

/// <summary>A guard says why it holds or not, naming the part that decided and its values, in the reader's language.</summary>
public sealed class ExplanationTests
{
    private const string Guard =
        "'sachbearbeitung' in user.roles and case.legalBasis in ['§ 18b AufenthG', '§ 19c AufenthG'] and contains(documents, 'arbeitsvertrag') "
        + "and today() < case.applicationDate + 18 months and form.income >= 1000 EUR";

    private static (string German, string English) Explain(string expression, ExpressionValues values)
    {
        var result = Expr.Compile(expression, ExpressionType.Bool).Evaluate(values, Expr.Today, explain: true);
        result.Error.ShouldBeNull();
        Expr.HasTexts(result.Explanation!);
        return (Expr.German(result.Explanation!), Expr.English(result.Explanation!));
    }

    [Fact]
    public void AMissingDocument_IsNamedAsTheMissingEvidence()
    {
        var values = Expr.Values().Set("documents", ["reisepass"]);
        var (german, english) = Explain(Guard, values);
        german.ShouldBe("Bedingung nicht erfüllt: Nachweis „arbeitsvertrag“ fehlt");
        english.ShouldBe("guard failed: evidence \"arbeitsvertrag\" missing");
    }

    [Fact]
    public void AFailedDateComparison_ShowsBothDates()
    {
        var values = Expr.Values().Set("case.applicationDate", new DateOnly(2025, 5, 31));
        var (german, english) = Explain(Guard, values);
        german.ShouldBe("Bedingung nicht erfüllt: today() (02.12.2026) ist nicht vor case.applicationDate + 18 months (30.11.2026)");
        english.ShouldBe("guard failed: today() (02/12/2026) is not before case.applicationDate + 18 months (30/11/2026)");
    }

    [Fact]
    public void AFailedMoneyThreshold_ShowsTheAmounts()
    {
        var values = Expr.Values().Set("form.income", Money.Euro(950m));
        var (german, english) = Explain(Guard, values);
        german.ShouldBe("Bedingung nicht erfüllt: form.income (950,00 EUR) ist nicht mindestens 1.000,00 EUR");
        english.ShouldBe("guard failed: form.income (950.00 EUR) is not at least 1,000.00 EUR");
    }

    [Fact]
    public void AValueNotInAList_ShowsTheValueAndTheList()
    {
        var values = Expr.Values().Set("case.legalBasis", "§ 16a AufenthG");
        var (german, english) = Explain(Guard, values);
        german.ShouldBe("Bedingung nicht erfüllt: case.legalBasis („§ 16a AufenthG“) ist nicht in [\"§ 18b AufenthG\", \"§ 19c AufenthG\"] enthalten");
        english.ShouldBe("guard failed: case.legalBasis (\"§ 16a AufenthG\") is not in [\"§ 18b AufenthG\", \"§ 19c AufenthG\"]");
    }

    [Fact]
    public void AMissingRole_IsTheFirstPartThatFailed()
    {
        var values = Expr.Values().Set("user.roles", ["empfang"]).Set("documents", Array.Empty<string>());
        var (german, english) = Explain(Guard, values);
        german.ShouldBe("Bedingung nicht erfüllt: „sachbearbeitung“ ist nicht in user.roles ([\"empfang\"]) enthalten");
        english.ShouldBe("guard failed: \"sachbearbeitung\" is not in user.roles ([\"empfang\"])");
    }

    [Fact]
    public void AGuardThatHolds_SaysWhyEveryPartHolds()
    {
        var (german, english) = Explain("contains(documents, 'reisepass') and form.children >= 2", Expr.Values());
        german.ShouldBe("Bedingung erfüllt: Nachweis „reisepass“ liegt vor; form.children (2) ist mindestens 2");
        english.ShouldBe("guard met: evidence \"reisepass\" present; form.children (2) is at least 2");
    }

    [Fact]
    public void AFalseOr_NamesEveryAlternative()
    {
        var (german, _) = Explain("form.children > 5 or not form.complete", Expr.Values());
        german.ShouldBe("Bedingung nicht erfüllt: form.children (2) ist nicht mehr als 5; form.complete ist wahr");
    }

    [Fact]
    public void ATrueOr_NamesTheAlternativeThatHeld()
    {
        var (_, english) = Explain("form.children > 5 or 'mietvertrag' not in documents", Expr.Values());
        english.ShouldBe("guard met: evidence \"mietvertrag\" missing");
    }

    [Fact]
    public void ANegation_ExplainsItsOperand()
    {
        var (german, english) = Explain("not ('reisepass' in documents)", Expr.Values());
        german.ShouldBe("Bedingung nicht erfüllt: Nachweis „reisepass“ liegt vor");
        english.ShouldBe("guard failed: evidence \"reisepass\" present");
    }

    [Fact]
    public void ListConditions_NameTheEntryThatDecided()
    {
        Explain("all(documents, d => length(d) < 15)", Expr.Values()).English
            .ShouldBe("guard failed: for meldebescheinigung: length(d) (18) is not less than 15");
        Explain("any(scores, s => s > 10)", Expr.Values()).German
            .ShouldBe("Bedingung nicht erfüllt: kein Eintrag von scores ([1,5, 2,25, 3]) erfüllt s > 10");
        Explain("any(scores, s => s > 2)", Expr.Values()).English
            .ShouldBe("guard met: for 2.25: s (2.25) is more than 2");
    }

    [Fact]
    public void ABoolVariableAndAConditional_ExplainThemselves()
    {
        Explain("form.complete", Expr.Values().Set("form.complete", false)).German.ShouldBe("Bedingung nicht erfüllt: form.complete ist falsch");
        Explain("if form.complete then form.children > 3 else true", Expr.Values()).English
            .ShouldBe("guard failed: form.children (2) is not more than 3");
        Explain("form.period == 18 months", Expr.Values().Set("form.period", new Duration(1, 10))).German
            .ShouldBe("Bedingung nicht erfüllt: form.period (1 Monat 10 Tage) ist nicht gleich 18 Monate");
    }

    [Fact]
    public void WithoutAsking_ThereIsNoExplanation() =>
        Expr.Compile(Guard).Evaluate(Expr.Values(), Expr.Today).Explanation.ShouldBeNull();
}

namespace Saas.Modules.Fees.Tests.Features.Calculations;

/// <summary>
/// The federal schedule (tenants/_platform/fees/aufenthv.yaml) against a table of cases with their expected amounts,
/// the rules that apply and the paragraph each row rests on; computed in a fresh authority through the quote contract.
/// </summary>
public sealed class FeeTableTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    private static readonly DateOnly Date = new(2026, 1, 15);

    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>tariff, age, nationality, benefit, refugee, scholarship, outcome, express, legal basis of the title, expected EUR, rules applied, paragraph.</summary>
    public static IEnumerable<object[]> Table() => new List<object[]>
    {
        new object[] { "niederlassung", 30, "SYR", "", false, false, "granted", false, "", 113m, "", "§ 44 Nr. 3 AufenthV" },
        new object[] { "niederlassung_hochqualifiziert", 35, "IND", "", false, false, "granted", false, "", 147m, "", "§ 44 Nr. 1 AufenthV" },
        new object[] { "niederlassung_selbstaendig", 45, "USA", "", false, false, "granted", false, "", 124m, "", "§ 44 Nr. 2 AufenthV" },
        new object[] { "daueraufenthalt_eu", 40, "UKR", "", false, false, "granted", false, "", 109m, "", "§ 44a AufenthV" },
        new object[] { "aufenthaltserlaubnis", 30, "SYR", "", false, false, "granted", false, "", 100m, "", "§ 45 Nr. 1 AufenthV" },
        new object[] { "verlaengerung_bis_3_monate", 30, "SYR", "", false, false, "granted", false, "", 96m, "", "§ 45 Nr. 2 Buchst. a AufenthV" },
        new object[] { "verlaengerung", 30, "SYR", "", false, false, "granted", false, "", 93m, "", "§ 45 Nr. 2 Buchst. b AufenthV" },
        new object[] { "zweckwechsel", 30, "SYR", "", false, false, "granted", false, "", 98m, "", "§ 45 Nr. 3 AufenthV" },
        new object[] { "neuausstellung_karte", 30, "SYR", "", false, false, "granted", false, "", 67m, "", "§ 45c Abs. 1 AufenthV" },
        new object[] { "nationales_visum", 30, "SYR", "", false, false, "granted", false, "", 75m, "", "§ 46 Abs. 1 AufenthV" },
        new object[] { "fiktionsbescheinigung", 30, "SYR", "", false, false, "pending", false, "", 13m, "", "§ 47 Abs. 1 Nr. 8 AufenthV" },
        new object[] { "verpflichtungserklaerung", 50, "DEU", "", false, false, "granted", false, "", 29m, "", "§ 47 Abs. 1 Nr. 12 AufenthV" },
        new object[] { "reiseausweis", 30, "SYR", "", false, false, "granted", false, "", 100m, "", "§ 48 Abs. 1 AufenthV" },
        new object[] { "einbuergerung", 30, "SYR", "", false, false, "granted", false, "", 255m, "", "§ 38 Abs. 2 Satz 1 StAG" },
        new object[] { "einbuergerung_miteinbezogen", 10, "SYR", "", false, false, "granted", false, "", 51m, "", "§ 38 Abs. 2 Satz 2 StAG (§ 50 AufenthV does not apply)" },
        new object[] { "personalausweis_ab24", 30, "DEU", "", false, false, "granted", false, "", 37m, "", "§ 1 Abs. 1 PAuswGebV" },
        new object[] { "aufenthaltserlaubnis", 10, "SYR", "", false, false, "granted", false, "", 50m, "minderjaehrig", "§ 50 Abs. 1 Satz 1 AufenthV" },
        new object[] { "verlaengerung", 17, "SYR", "", false, false, "granted", false, "", 46.50m, "minderjaehrig", "§ 50 Abs. 1 Satz 1 AufenthV" },
        new object[] { "niederlassung", 16, "SYR", "", false, false, "granted", false, "AufenthG-35", 55m, "minderjaehrig-35", "§ 50 Abs. 1 Satz 2 AufenthV" },
        new object[] { "niederlassung", 16, "SYR", "", false, false, "granted", false, "AufenthG-9", 56.50m, "minderjaehrig", "§ 50 Abs. 1 Satz 1 AufenthV" },
        new object[] { "fiktionsbescheinigung", 5, "SYR", "", false, false, "pending", false, "", 6.50m, "minderjaehrig", "§ 50 Abs. 1 Satz 1 AufenthV" },
        new object[] { "nationales_visum", 12, "SYR", "", false, false, "granted", false, "", 37.50m, "minderjaehrig", "§ 50 Abs. 1 Satz 1 AufenthV" },
        new object[] { "aufenthaltserlaubnis", 18, "SYR", "", false, false, "granted", false, "", 100m, "", "§ 50 Abs. 1 AufenthV: of age at 18" },
        new object[] { "aufenthaltserlaubnis", 30, "TUR", "", false, false, "granted", false, "", 37m, "tuerkei", "§ 52a AufenthV with § 1 PAuswGebV (24 and over)" },
        new object[] { "aufenthaltserlaubnis", 20, "TUR", "", false, false, "granted", false, "", 22.80m, "tuerkei", "§ 52a AufenthV with § 1 PAuswGebV (under 24)" },
        new object[] { "niederlassung", 40, "TUR", "", false, false, "granted", false, "", 37m, "tuerkei", "§ 52a AufenthV" },
        new object[] { "verlaengerung", 23, "TUR", "", false, false, "granted", false, "", 22.80m, "tuerkei", "§ 52a AufenthV" },
        new object[] { "aufenthaltserlaubnis", 24, "TUR", "", false, false, "granted", false, "", 37m, "tuerkei", "§ 52a AufenthV: 24 is the identity card's boundary" },
        new object[] { "niederlassung", 16, "TUR", "", false, false, "granted", false, "AufenthG-35", 22.80m, "tuerkei", "§ 52a AufenthV instead of § 50" },
        new object[] { "fiktionsbescheinigung", 30, "TUR", "", false, false, "pending", false, "", 13m, "", "§ 47 Abs. 1 Nr. 8 AufenthV (§ 52a not for certificates here)" },
        new object[] { "niederlassung", 30, "TUR", "", false, false, "refused", false, "", 18.50m, "tuerkei,bearbeitung", "§ 49 Abs. 1 AufenthV with § 52a" },
        new object[] { "aufenthaltserlaubnis", 30, "SYR", "sgb2", false, false, "granted", false, "", 0m, "sozialleistungen", "§ 53 Abs. 1 Nr. 1 AufenthV (SGB II)" },
        new object[] { "verlaengerung", 30, "SYR", "sgb12", false, false, "granted", false, "", 0m, "sozialleistungen", "§ 53 Abs. 1 Nr. 1 AufenthV (SGB XII)" },
        new object[] { "niederlassung", 30, "SYR", "asylblg", false, false, "granted", false, "", 0m, "sozialleistungen", "§ 53 Abs. 1 Nr. 1 AufenthV (AsylbLG)" },
        new object[] { "einbuergerung", 30, "SYR", "sgb2", false, false, "granted", false, "", 255m, "", "§ 38 StAG (§ 53 AufenthV does not apply)" },
        new object[] { "aufenthaltserlaubnis", 30, "ERI", "", true, false, "granted", false, "", 0m, "fluechtling", "§ 52 Abs. 3 AufenthV" },
        new object[] { "reiseausweis", 30, "ERI", "", true, false, "granted", false, "", 0m, "fluechtling", "§ 52 Abs. 3 AufenthV" },
        new object[] { "aufenthaltserlaubnis", 25, "CHN", "", false, true, "granted", false, "", 0m, "stipendium", "§ 52 Abs. 1 AufenthV" },
        new object[] { "niederlassung", 30, "CHN", "", false, true, "granted", false, "", 113m, "", "§ 44 Nr. 3 AufenthV (no scholarship exemption)" },
        new object[] { "niederlassung", 30, "SYR", "", false, false, "refused", false, "", 56.50m, "bearbeitung", "§ 49 Abs. 1 AufenthV" },
        new object[] { "daueraufenthalt_eu", 30, "SYR", "", false, false, "refused", false, "", 54.50m, "bearbeitung", "§ 49 Abs. 1 AufenthV" },
        new object[] { "aufenthaltserlaubnis", 30, "SYR", "", false, false, "refused", false, "", 100m, "bearbeitung", "§ 49 Abs. 2 AufenthV" },
        new object[] { "aufenthaltserlaubnis", 30, "SYR", "", false, false, "refused-lack-of-jurisdiction", false, "", 0m, "unzustaendig", "§ 49 Abs. 3 Nr. 1 AufenthV" },
        new object[] { "niederlassung", 30, "SYR", "", false, false, "withdrawn-before-processing", false, "", 0m, "unzustaendig", "§ 49 Abs. 3 Nr. 2 AufenthV" },
        new object[] { "aufenthaltserlaubnis", 10, "SYR", "", false, false, "refused", false, "", 50m, "minderjaehrig,bearbeitung", "§ 49 Abs. 2 with § 50 Abs. 1 AufenthV" },
        new object[] { "niederlassung", 16, "SYR", "", false, false, "refused", false, "", 28.25m, "minderjaehrig,bearbeitung", "§ 49 Abs. 1 with § 50 Abs. 1 AufenthV" },
        new object[] { "aufenthaltserlaubnis", 30, "IND", "", false, false, "granted", true, "", 511m, "eilzuschlag", "§ 47 Abs. 1 Nr. 15 AufenthV (express)" },
        new object[] { "nationales_visum", 30, "IND", "", false, false, "granted", true, "", 486m, "eilzuschlag", "§ 47 Abs. 1 Nr. 15 AufenthV (express)" },
        new object[] { "aufenthaltserlaubnis", 30, "IND", "", false, false, "refused", true, "", 100m, "bearbeitung", "§ 49 Abs. 2 AufenthV: no surcharge on refusal" },
        new object[] { "fiktionsbescheinigung", 30, "IND", "", false, false, "pending", true, "", 13m, "", "§ 47 Abs. 1 Nr. 8 AufenthV: no surcharge on a certificate" },
        new object[] { "aufenthaltserlaubnis", 10, "SYR", "sgb2", false, false, "refused-lack-of-jurisdiction", false, "", 0m, "sozialleistungen", "§ 53 AufenthV first" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task TheFee_IsTheTablesAmount_WithTheRulesItCites(string tariff, int age, string nationality, string benefit, bool refugee, bool scholarship,
        string outcome, bool express, string legalBasis, decimal expected, string rules, string paragraph)
    {
        var facts = new FeeFacts(age, [nationality], benefit.Length == 0 ? [] : [benefit], refugee, scholarship, outcome, express, legalBasis);
        var quote = await QuoteAsync(new FeeQuoteRequest(tariff, facts, Date));
        quote.Total.ShouldBe(expected, paragraph);
        string.Join(",", quote.Lines.Skip(1).Select(l => l.Rule)).ShouldBe(rules, paragraph);
        quote.Lines[0].Rule.ShouldBeNull();
        quote.Lines[^1].After.ShouldBe(expected);
        quote.Lines.ShouldAllBe(l => l.LegalBasis.Length > 0 && l.ExplanationDe.Length > 0 && l.ExplanationEn.Length > 0);
    }

    [Fact]
    public void TheTable_HasAtLeastFortyRows() => Table().Count().ShouldBeGreaterThanOrEqualTo(40);

    [Fact]
    public async Task EveryLine_IsExplainedInGermanAndEnglish()
    {
        var quote = await QuoteAsync(new FeeQuoteRequest("aufenthaltserlaubnis", new FeeFacts(10, ["SYR"], [], false, false, "granted", false, ""), Date));
        quote.Lines[0].ExplanationDe.ShouldBe("Gebühr „Aufenthaltserlaubnis“ nach § 45 Nr. 1 AufenthV: 100,00 EUR");
        quote.Lines[0].ExplanationEn.ShouldBe("Fee “Residence permit” under § 45 Nr. 1 AufenthV: 100.00 EUR");
        quote.Lines[1].ExplanationDe.ShouldStartWith("Minderjährige zahlen die Hälfte (§ 50 Abs. 1 Satz 1 AufenthV): 100,00 EUR → 50,00 EUR, weil ");
        quote.Lines[1].ExplanationEn.ShouldStartWith("Minors pay half (§ 50 Abs. 1 Satz 1 AufenthV): 100.00 EUR → 50.00 EUR, because ");
        quote.Confirmed.ShouldBeTrue();
    }

    [Fact]
    public async Task ATariffNotInForceOnTheDate_OrUnknown_IsNotFound_AndAnUnknownOutcomeIsRefused()
    {
        var facts = new FeeFacts(30, ["SYR"], [], false, false, "granted", false, "");
        (await Should.ThrowAsync<Saas.Platform.Errors.SaasProblemException>(() => QuoteAsync(new FeeQuoteRequest("einbuergerung", facts, new DateOnly(2024, 1, 1)))))
            .Code.ShouldBe("fee-tariff-not-found");
        (await Should.ThrowAsync<Saas.Platform.Errors.SaasProblemException>(() => QuoteAsync(new FeeQuoteRequest("gibt_es_nicht", facts, Date))))
            .Code.ShouldBe("fee-tariff-not-found");
        (await Should.ThrowAsync<Saas.Platform.Errors.SaasProblemException>(() => QuoteAsync(new FeeQuoteRequest("niederlassung", facts with { Outcome = "vielleicht" }, Date))))
            .Code.ShouldBe("fee-outcome-unknown");
    }

    private async Task<FeeQuote> QuoteAsync(FeeQuoteRequest request)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        return await scope.ServiceProvider.GetRequiredService<IFeeQuote>().QuoteAsync(request);
    }
}

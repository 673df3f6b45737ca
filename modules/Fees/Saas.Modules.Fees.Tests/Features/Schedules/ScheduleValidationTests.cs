using Saas.Modules.Fees.Features.Schedules;

namespace Saas.Modules.Fees.Tests.Features.Schedules;

/// <summary>
/// A fee schedule with a line without legal basis, two lines of one code overlapping in time, or a rule that does not
/// type-check is refused with an error at its line (and column, inside the expression); the shipped schedules are valid.
/// </summary>
public sealed class ScheduleValidationTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Small = """
        kind: fee-schedule
        key: klein
        spec:
          name: Klein
          lines:
            - code: foto
              name: Lichtbild
              legalBasis: "Gebührensatzung § 3"
              amount: 6
              category: local
              validFrom: "2025-01-01"
              validTo: "2025-12-31"
          rules:
            - key: halb
              name: Halb
              legalBasis: "Gebührensatzung § 4"
              when: person.age < 18
              amount: round(fee / 2)
        """;

    private async Task<IReadOnlyList<MetadataError>> ErrorsAsync(string yaml)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        var refused = await Should.ThrowAsync<MetadataValidationException>(() => store.SaveDraftAsync(yaml, "test"));
        return refused.Errors;
    }

    [Fact]
    public async Task TheSmallSchedule_IsValid()
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        (await scope.ServiceProvider.GetRequiredService<IMetadataStore>().SaveDraftAsync(Small, "test")).Version.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ALineWithoutLegalBasis_IsRefusedAtItsLine()
    {
        var error = (await ErrorsAsync(Small.Replace("      legalBasis: \"Gebührensatzung § 3\"\n", "", StringComparison.Ordinal))).ShouldHaveSingleItem();
        error.Path.ShouldBe("$.spec.lines[0]");
        error.Line.ShouldBe(6);
        error.Message.ShouldBe("Die Tarifzeile „foto“ nennt keine Rechtsgrundlage (z. B. „§ 45 Nr. 1 AufenthV“).");
    }

    [Fact]
    public async Task TwoLinesOfOneCode_OverlappingInTime_AreRefusedAtTheSecond()
    {
        var yaml = Small.Replace("  rules:\n", """
                - code: foto
                  name: Lichtbild neu
                  legalBasis: "Gebührensatzung § 3"
                  amount: 7
                  category: local
                  validFrom: "2025-06-01"
              rules:

            """, StringComparison.Ordinal);
        var error = (await ErrorsAsync(yaml)).ShouldHaveSingleItem();
        error.Path.ShouldBe("$.spec.lines[1].validFrom");
        error.Line.ShouldBe(18);
        error.Message.ShouldBe("Die Tarifzeile „foto“ überschneidet sich zeitlich mit Zeile 1 desselben Tarifs.");

        // The next line starting the day after the first ends is a new amount, not an overlap.
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        await scope.ServiceProvider.GetRequiredService<IMetadataStore>().SaveDraftAsync(yaml.Replace("\"2025-06-01\"", "\"2026-01-01\"", StringComparison.Ordinal), "test");
    }

    [Fact]
    public async Task ARuleThatDoesNotTypeCheck_IsRefusedAtItsLineAndColumn()
    {
        var error = (await ErrorsAsync(Small.Replace("round(fee / 2)", "fee + 2", StringComparison.Ordinal))).ShouldHaveSingleItem();
        error.Path.ShouldBe("$.spec.rules[0].amount");
        error.Line.ShouldBe(18);
        error.Column!.Value.ShouldBeGreaterThan(15);

        var unknown = (await ErrorsAsync(Small.Replace("person.age < 18", "person.alter < 18", StringComparison.Ordinal))).ShouldHaveSingleItem();
        unknown.Path.ShouldBe("$.spec.rules[0].when");
        (unknown.Line, unknown.Column).ShouldBe((17, 13));
    }

    [Fact]
    public void TheShippedSchedules_AreValid_PlatformAndAachen()
    {
        var files = fixture.App.Services.GetRequiredService<IMetadataFiles>();
        var tenants = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");
        var platform = PlatformFeeSchedules.Load(files, tenants);
        platform.Single().Key.ShouldBe("aufenthv");
        platform[0].Lines.Count.ShouldBeGreaterThanOrEqualTo(18);
        platform[0].Lines.ShouldAllBe(l => l.LegalBasis.Length > 0);
        platform[0].Rules.Select(r => r.Key).ShouldBe(["sozialleistungen", "fluechtling", "stipendium", "unzustaendig", "tuerkei", "minderjaehrig-35", "minderjaehrig", "bearbeitung", "eilzuschlag"]);

        var errors = new List<MetadataError>();
        var aachen = files.Validate("aachen/fees/lichtbild.yaml", File.ReadAllText(Path.Combine(tenants, "aachen", "fees", "lichtbild.yaml")), errors);
        errors.ShouldBeEmpty();
        aachen!.Kind.ShouldBe(FeeScheduleKind.Name);
        FeeCatalogue.Merge([.. platform, FeeSchedule.Read(aachen.Key, aachen.Spec)]).Lines.ShouldContain(l => l.Code == "lichtbild_terminal");
    }

    [Fact]
    public void AnInvalidPlatformSchedule_StopsWithItsLocatedErrors()
    {
        var root = Path.Combine(Path.GetTempPath(), "fees-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "_platform", "fees"));
        try
        {
            File.WriteAllText(Path.Combine(root, "_platform", "fees", "kaputt.yaml"), Small.Replace("person.age < 18", "person.age < \"18\"", StringComparison.Ordinal));
            var refused = Should.Throw<MetadataValidationException>(() => PlatformFeeSchedules.Load(fixture.App.Services.GetRequiredService<IMetadataFiles>(), root));
            var error = refused.Errors.ShouldHaveSingleItem();
            error.File.ShouldBe("_platform/fees/kaputt.yaml");
            error.Line.ShouldBe(17);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

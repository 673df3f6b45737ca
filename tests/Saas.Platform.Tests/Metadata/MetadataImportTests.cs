using System.Text;
using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

public sealed class MetadataImportTests(MetadataFixture fixture) : IClassFixture<MetadataFixture>
{
    private const string Location = """
        # Öffnungszeiten laut Aushang — Kommentare bleiben erhalten.
        kind: location
        key: hauptstelle
        spec:
          name: Hauptstelle Müllerstraße
          address:
            street: Müllerstraße 1
            postalCode: "52062"
            city: Aachen
          openingHours:
            monday: ["08:00-12:00"]
        """;

    [Fact]
    public async Task Import_ThenExport_GivesBackTheSameBytes()
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/hauptstelle.yaml", Location.Replace("\n", "\r\n", StringComparison.Ordinal));
        folder.Write("units/30-20.yaml", "kind: unit\nkey: 30-20\nspec:\n  code: \"30.20\"\n  name: Allgemeines Ausländerrecht\n");

        await fixture.Importer.ImportAsync(folder.Path, "test");
        var target = Path.Combine(folder.Root, "export");
        (await fixture.Importer.ExportAsync(folder.Key, target)).ShouldBe(3);

        foreach (var file in new[] { "tenant.yaml", "locations/hauptstelle.yaml", "units/30-20.yaml" })
        {
            (await File.ReadAllBytesAsync(Path.Combine(target, file))).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(folder.Path, file)), file);
        }
    }

    [Fact]
    public async Task Reimport_OfAnUnchangedFolder_CreatesNoVersion_AndAChangeCreatesTheNext()
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/hauptstelle.yaml", Location);
        var first = await fixture.Importer.ImportAsync(folder.Path, "test");
        first.Created.ShouldBeTrue();
        first.NewVersions.ShouldBe(2);

        var again = await fixture.Importer.ImportAsync(folder.Path, "test");
        again.NewVersions.ShouldBe(0);
        again.Unchanged.ShouldBe(2);

        folder.Write("locations/hauptstelle.yaml", Location.Replace("08:00-12:00", "08:00-13:00", StringComparison.Ordinal));
        (await fixture.Importer.ImportAsync(folder.Path, "test")).NewVersions.ShouldBe(1);

        var tenant = (await fixture.Catalog.FindByKeyAsync(folder.Key))!;
        using (fixture.CurrentTenant.Begin(tenant))
        {
            var history = await fixture.Store.GetHistoryAsync("location", "hauptstelle");
            history.Select(v => (v.Version, v.State)).ShouldBe([(2, MetadataState.Published), (1, MetadataState.Superseded)]);
        }
    }

    public static TheoryData<string, string, string, int?> InvalidDocuments => new()
    {
        { "invalid YAML", "kind: location\nkey: hauptstelle\nspec:\n  name: [unclosed\n", "$", 5 },
        { "unknown top-level key", Location + "\nextra: 1\n", "$.extra", 12 },
        { "unknown property", Location.Replace("  name: Hauptstelle Müllerstraße", "  name: Hauptstelle\n  nmae: Tippfehler", StringComparison.Ordinal), "$.spec.nmae", 6 },
        { "wrong type", Location.Replace("postalCode: \"52062\"", "postalCode: [52062]", StringComparison.Ordinal), "$.spec.address.postalCode", 8 },
        { "schema violation", Location.Replace("postalCode: \"52062\"", "postalCode: \"5206\"", StringComparison.Ordinal), "$.spec.address.postalCode", 8 },
        { "rule violation", Location.Replace("08:00-12:00", "12:00-08:00", StringComparison.Ordinal), "$.spec.openingHours.monday[0]", 11 },
        { "unknown kind", Location.Replace("kind: location", "kind: standort", StringComparison.Ordinal), "$.kind", 2 },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task Import_OfAnInvalidDocument_GivesALocatedError_AndLeavesThePublishedVersionUntouched(string because, string yaml, string path, int? line)
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/hauptstelle.yaml", Location);
        await fixture.Importer.ImportAsync(folder.Path, "test");

        folder.Write("locations/hauptstelle.yaml", yaml);
        var error = await Should.ThrowAsync<MetadataValidationException>(() => fixture.Importer.ImportAsync(folder.Path, "test"));
        var located = error.Errors.ShouldHaveSingleItem(because);
        located.File.ShouldBe($"{folder.Key}/locations/hauptstelle.yaml");
        located.Path.ShouldBe(path, because);
        located.Line.ShouldBe(line, because);

        var tenant = (await fixture.Catalog.FindByKeyAsync(folder.Key))!;
        using (fixture.CurrentTenant.Begin(tenant))
        {
            var published = (await fixture.Store.GetPublishedAsync("location", "hauptstelle"))!;
            published.Version.ShouldBe(1);
            published.Yaml.ShouldBe(Location);
            (await fixture.Store.GetHistoryAsync("location", "hauptstelle")).Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task Import_WithTheSameDocumentInTwoFiles_NamesBothFiles()
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/a.yaml", Location);
        folder.Write("locations/b.yaml", Location);
        var error = await Should.ThrowAsync<MetadataValidationException>(() => fixture.Importer.ImportAsync(folder.Path, "test"));
        error.Errors.ShouldHaveSingleItem().Message.ShouldContain("locations/a.yaml");
    }

    [Theory]
    [InlineData("de", "Die Pflichtangabe „name“ fehlt.")]
    [InlineData("en", "The required property 'name' is missing.")]
    public async Task AValidationError_IsWrittenInTheLanguageOfWhoeverValidates_WithItsTextKept(string language, string expected)
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/a.yaml", Location.Replace("  name: Hauptstelle Müllerstraße\n", "", StringComparison.Ordinal));
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
        try
        {
            var error = await Should.ThrowAsync<MetadataValidationException>(() => fixture.Importer.ImportAsync(folder.Path, "test"));
            var missing = error.Errors.ShouldHaveSingleItem(string.Join("; ", error.Errors));
            missing.Message.ShouldBe(expected);
            missing.Text.ShouldNotBeNull().Key.ShouldBe("platform.metadata.schema.property-required");
            missing.Line.ShouldNotBeNull();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Import_ThatFailsInTheDatabaseHalfWay_LeavesNothingVisible_NotEvenTheAuthority()
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/hauptstelle.yaml", Location);
        // Valid YAML and schema, but PostgreSQL's jsonb refuses a NUL character: the last document fails to insert.
        folder.Write("units/zz.yaml", "kind: unit\nkey: zz\nspec:\n  code: \"99\"\n  name: \"Kaputt\\0\"\n");

        await Should.ThrowAsync<PostgresException>(() => fixture.Importer.ImportAsync(folder.Path, "test"));

        fixture.Catalog.Invalidate();
        (await fixture.Catalog.FindByKeyAsync(folder.Key)).ShouldBeNull();
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM platform.tenants WHERE key = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = folder.Key });
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task Diff_ShowsChangedLinesAgainstThePublishedVersion()
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/hauptstelle.yaml", Location);
        await fixture.Importer.ImportAsync(folder.Path, "test");
        folder.Write("locations/hauptstelle.yaml", Location.Replace("08:00-12:00", "08:00-13:00", StringComparison.Ordinal));
        folder.Write("units/30-22.yaml", "kind: unit\nkey: 30-22\nspec:\n  code: \"30.22\"\n  name: Asyl\n");

        var diff = await fixture.Importer.DiffAsync(folder.Path);
        var changed = diff.Single(d => d.Key == "hauptstelle");
        changed.Status.ShouldBe("changed");
        changed.Diff.ShouldContain("-    monday: [\"08:00-12:00\"]");
        changed.Diff.ShouldContain("+    monday: [\"08:00-13:00\"]");
        diff.Single(d => d.Key == "30-22").Status.ShouldBe("added");
        diff.Single(d => d.Kind == "tenant").Status.ShouldBe("unchanged");
    }

    [Fact]
    public async Task Store_OfTenantB_SeesNoneOfTenantAsDocuments_AndRawSqlWithoutATenantSeesNothing()
    {
        using var a = MetadataFixture.NewFolder();
        using var b = MetadataFixture.NewFolder();
        a.Write("locations/hauptstelle.yaml", Location);
        await fixture.Importer.ImportAsync(a.Path, "test");
        await fixture.Importer.ImportAsync(b.Path, "test");

        var tenantB = (await fixture.Catalog.FindByKeyAsync(b.Key))!;
        using (fixture.CurrentTenant.Begin(tenantB))
        {
            (await fixture.Store.GetPublishedAsync("location")).ShouldBeEmpty();
            (await fixture.Store.GetPublishedAsync("tenant", a.Key)).ShouldBeNull();
        }

        await using var connection = new NpgsqlConnection(fixture.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM metadata.versions", connection);
        ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task SaveDraft_IsInvisibleUntilPublished_AndPublishFlipsItAtomically()
    {
        using var folder = MetadataFixture.NewFolder();
        folder.Write("locations/hauptstelle.yaml", Location);
        await fixture.Importer.ImportAsync(folder.Path, "test");
        var tenant = (await fixture.Catalog.FindByKeyAsync(folder.Key))!;
        using (fixture.CurrentTenant.Begin(tenant))
        {
            var draft = await fixture.Store.SaveDraftAsync(Location.Replace("Hauptstelle Müllerstraße", "Neue Hauptstelle", StringComparison.Ordinal), "admin");
            draft.Version.ShouldBe(2);
            (await fixture.Store.GetPublishedAsync("location", "hauptstelle"))!.Spec["name"]!.GetValue<string>().ShouldBe("Hauptstelle Müllerstraße");

            (await fixture.Store.PublishAsync(null, "admin")).ShouldBe(1);
            (await fixture.Store.GetPublishedAsync("location", "hauptstelle"))!.Spec["name"]!.GetValue<string>().ShouldBe("Neue Hauptstelle");
            (await fixture.Store.GetDraftAsync("location", "hauptstelle")).ShouldBeNull();
        }
    }

    [Fact]
    public async Task Parser_RefusesAYamlBombWithALocatedError()
    {
        var bomb = new StringBuilder("kind: unit\nkey: bomb\nspec:\n  code: \"1\"\n  name: x\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            bomb.Append($"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        using var folder = MetadataFixture.NewFolder();
        folder.Write("units/bomb.yaml", bomb.ToString());
        var error = await Should.ThrowAsync<MetadataValidationException>(() => fixture.Importer.ImportAsync(folder.Path, "test"));
        // The limit's text (written in the reader's language) with the place where the values ran out.
        error.Errors.ShouldContain(e => e.Text != null && e.Text.Key == "platform.metadata.too-many-values" && e.Line != null);
    }
}

using System.Globalization;
using System.Text;
using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

/// <summary>
/// The admin studio's drafts (docs/adr/0018) on real PostgreSQL, each test with fresh authorities: drafts keep their
/// errors as data, saves and publishes are decided against the latest version, publishing takes exactly the chosen
/// drafts and only valid ones, and another authority reaches none of it.
/// </summary>
public sealed class MetadataDraftsTests(MetadataFixture fixture) : IClassFixture<MetadataFixture>
{
    internal const string Location = """
        # Hauptstelle — Kommentare bleiben erhalten.
        kind: location
        key: hauptstelle
        spec:
          name: Hauptstelle
          address:
            street: Markt 1
            postalCode: "52062"
            city: Aachen
          openingHours:
            monday: ["08:00-12:00"]
        """;

    private IMetadataDrafts Drafts => fixture.Services.GetRequiredService<IMetadataDrafts>();

    [Fact]
    public async Task AnInvalidDraft_IsKept_WithItsLocatedErrorsAsData_WrittenInTheReadersLanguage()
    {
        var a = await NewAuthorityAsync();
        var yaml = Location.Replace("postalCode: \"52062\"", "postalCode: \"5206\"", StringComparison.Ordinal)
            .Replace("  name: Hauptstelle\n", "", StringComparison.Ordinal);
        MetadataDraft saved;
        using (fixture.CurrentTenant.Begin(a))
        {
            saved = await Drafts.SaveAsync(yaml, null, "admin-anna");
        }

        saved.CanPublish.ShouldBeFalse();
        saved.Document.State.ShouldBe(MetadataState.Draft);
        saved.Document.Yaml.ShouldBe(yaml);
        saved.Errors.Select(e => (e.Path, e.Line, e.Text?.Key)).OrderBy(e => e.Path, StringComparer.Ordinal).ShouldBe(
        [
            ("$.spec.address.postalCode", 7, "platform.metadata.schema.format"),
            ("$.spec.name", 4, "platform.metadata.schema.property-required"),
        ]);
        saved.Errors.ShouldAllBe(e => e.File == "location/hauptstelle" && e.Column != null);

        (await ReadErrorAsync(a, "de")).ShouldBe("Die Pflichtangabe „name“ fehlt.");
        (await ReadErrorAsync(a, "en")).ShouldBe("The required property 'name' is missing.");

        // Stored as text key and arguments, never as a written message.
        var stored = await ScalarAsync<string>(a, "SELECT errors::text FROM metadata.versions WHERE kind = 'location' AND key = 'hauptstelle'");
        var missing = System.Text.Json.Nodes.JsonNode.Parse(stored)!.AsArray().Single(e => e!["path"]!.GetValue<string>() == "$.spec.name")!;
        missing["text"]!.GetValue<string>().ShouldBe("platform.metadata.schema.property-required");
        missing["args"]!["property"]!.GetValue<string>().ShouldBe("name");
        (missing["line"]!.GetValue<int>(), missing["column"]!.GetValue<int>()).ShouldBe((4, 1));
        stored.ShouldNotContain("message");
        stored.ShouldNotContain("fehlt");
    }

    public static TheoryData<string, string, string?> TextsThatCannotBeDrafts => new()
    {
        { "not YAML", "kind: location\nkey: hauptstelle\nspec:\n  name: [unclosed\n", "platform.metadata.invalid-yaml" },
        { "no kind", "key: hauptstelle\nspec:\n  name: Hauptstelle\n", "platform.metadata.required-key-missing" },
        { "no key", "kind: location\nspec:\n  name: Hauptstelle\n", "platform.metadata.required-key-missing" },
        { "a key that is not one", "kind: location\nkey: Haupt Stelle\nspec:\n  name: Hauptstelle\n", "platform.metadata.key-format" },
        { "a kind nobody registered", Location.Replace("kind: location", "kind: standort", StringComparison.Ordinal), "platform.metadata.unknown-kind" },
        { "nested deeper than the parser reads", "kind: location\nkey: tief\nspec:\n  a: " + new string('[', 80) + new string(']', 80) + "\n", "platform.metadata.too-deep" },
        { "an alias bomb", AliasBomb("hauptstelle"), "platform.metadata.too-many-values" },
        { "another authority's tenant document", "kind: tenant\nkey: aachen\nspec:\n  name: Stadt Aachen\n  officialKey: \"05334002\"\n  federalState: NW\n  modules: [organization]\n", "platform.metadata.tenant-key-current" },
    };

    [Theory]
    [MemberData(nameof(TextsThatCannotBeDrafts))]
    public async Task TextThatCannotBeADraft_IsRefusedWithALocatedError_AndNothingIsStored(string because, string yaml, string? text)
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            var refused = await Should.ThrowAsync<MetadataValidationException>(() => Drafts.SaveAsync(yaml, null, "admin-anna"));
            refused.Errors.ShouldContain(e => e.Text != null && e.Text.Key == text, because);
            (await Drafts.ListAsync()).ShouldBeEmpty(because);
        }

        (await ScalarAsync<long>(a, "SELECT count(*) FROM metadata.versions")).ShouldBe(0, because);
    }

    [Fact]
    public async Task SavingTheSameTextAsTheLatestVersion_CreatesNoVersion()
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            var first = await Drafts.SaveAsync(Location, null, "admin-anna");
            var again = await Drafts.SaveAsync(Location, first.Document.Version, "admin-berta");
            again.Document.Version.ShouldBe(first.Document.Version);
            again.Document.CreatedBy.ShouldBe("admin-anna");

            await Drafts.PublishAsync([("location", "hauptstelle", first.Document.Version)], "admin-anna");
            var unchanged = await Drafts.SaveAsync(Location, first.Document.Version, "admin-berta");
            unchanged.Document.State.ShouldBe(MetadataState.Published);
            (await fixture.Store.GetHistoryAsync("location", "hauptstelle")).Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task TwoAdminsSavingTheSameDraft_TheSecondGetsTheConflict_WithWhatIsThereNow()
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            var opened = await Drafts.SaveAsync(Location, null, "admin-anna");

            // Both open version 1; Anna saves first.
            var anna = await Drafts.SaveAsync(Location.Replace("Markt 1", "Markt 2", StringComparison.Ordinal), opened.Document.Version, "admin-anna");
            anna.Document.Version.ShouldBe(2);
            var conflict = await Should.ThrowAsync<MetadataConflictException>(() =>
                Drafts.SaveAsync(Location.Replace("Markt 1", "Markt 3", StringComparison.Ordinal), opened.Document.Version, "admin-berta"));
            conflict.BasedOnVersion.ShouldBe(1);
            conflict.Current.Version.ShouldBe(2);
            conflict.Current.Yaml.ShouldContain("Markt 2");

            // A "new" document that exists meanwhile is a conflict too.
            (await Should.ThrowAsync<MetadataConflictException>(() => Drafts.SaveAsync(Location.Replace("Markt 1", "Markt 4", StringComparison.Ordinal), null, "admin-berta")))
                .Current.Version.ShouldBe(2);

            var entry = (await Drafts.GetAsync("location", "hauptstelle"))!;
            entry.Draft!.Document.Version.ShouldBe(2);
            entry.Draft.Document.Yaml.ShouldContain("Markt 2");
            entry.Draft.BasedOnVersion.ShouldBe(1);
            (await fixture.Store.GetHistoryAsync("location", "hauptstelle")).Select(v => (v.Version, v.State))
                .ShouldBe([(2, MetadataState.Draft), (1, MetadataState.Superseded)]);
        }
    }

    [Fact]
    public async Task OneVersion_IsReadOnItsOwn_WhateverItsState_AndOnlyInItsAuthority()
    {
        var a = await NewAuthorityAsync();
        var b = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            await fixture.Store.SaveDraftAsync(Location, "admin-anna");
            await fixture.Store.PublishAsync(null, "admin-anna");
            await fixture.Store.SaveDraftAsync(Location.Replace("Markt 1", "Markt 2", StringComparison.Ordinal), "admin-anna");
            await fixture.Store.PublishAsync(null, "admin-anna");

            var first = (await fixture.Store.GetVersionAsync("location", "hauptstelle", 1))!;
            (first.State, first.PublishedAt is not null).ShouldBe((MetadataState.Superseded, true));
            first.Yaml.ShouldContain("Markt 1");
            (await fixture.Store.GetVersionAsync("location", "hauptstelle", 2))!.Yaml.ShouldContain("Markt 2");
            (await fixture.Store.GetVersionAsync("location", "hauptstelle", 3)).ShouldBeNull();
        }

        using (fixture.CurrentTenant.Begin(b))
        {
            (await fixture.Store.GetVersionAsync("location", "hauptstelle", 1)).ShouldBeNull("another authority's version");
        }
    }

    [Fact]
    public async Task Publish_TakesExactlyTheChosenDrafts_AndTheHistorySaysWhoSavedAndWhoPublished()
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            var location = await Drafts.SaveAsync(Location, null, "admin-anna");
            var unit = await Drafts.SaveAsync(Unit("30-20"), null, "admin-anna");
            var other = await Drafts.SaveAsync(Unit("30-21"), null, "admin-berta");

            (await Drafts.PublishAsync([("location", "hauptstelle", location.Document.Version), ("unit", "30-20", unit.Document.Version)], "admin-carla")).ShouldBe(2);

            var entries = await Drafts.ListAsync();
            entries.Select(e => (e.Kind, e.Key, Published: e.Published?.Version, Draft: e.Draft?.Document.Version)).ShouldBe(
            [
                ("location", "hauptstelle", 1, null),
                ("unit", "30-20", 1, null),
                ("unit", "30-21", null, other.Document.Version),
            ]);

            var history = (await fixture.Store.GetHistoryAsync("location", "hauptstelle")).ShouldHaveSingleItem();
            (history.CreatedBy, history.PublishedBy).ShouldBe(("admin-anna", "admin-carla"));
            history.PublishedAt.ShouldNotBeNull();
        }

        var audited = await AuditAsync(a, "metadata.publish");
        audited.ShouldBe([("admin-carla", "hauptstelle", "version 1"), ("admin-carla", "30-20", "version 1")], ignoreOrder: true);
        (await AuditAsync(a, "metadata.draft")).Select(r => r.Actor).ShouldBe(["admin-anna", "admin-anna", "admin-berta"]);
    }

    [Fact]
    public async Task Publish_WithAnInvalidDraftAmongTheChosen_RefusesAll_WithEveryLocatedError_AndThePublishedVersionStays()
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            var published = await Drafts.SaveAsync(Location, null, "admin-anna");
            await Drafts.PublishAsync([("location", "hauptstelle", 1)], "admin-anna");

            var broken = await Drafts.SaveAsync(Location.Replace("08:00-12:00", "12:00-08:00", StringComparison.Ordinal), published.Document.Version, "admin-anna");
            var valid = await Drafts.SaveAsync(Unit("30-20"), null, "admin-anna");
            var alsoBroken = await Drafts.SaveAsync(Unit("30-21").Replace("code: \"30.21\"", "code: 3021", StringComparison.Ordinal), null, "admin-anna");
            broken.CanPublish.ShouldBeFalse();
            alsoBroken.CanPublish.ShouldBeFalse();

            var refused = await Should.ThrowAsync<MetadataValidationException>(() => Drafts.PublishAsync(
                [("location", "hauptstelle", broken.Document.Version), ("unit", "30-20", valid.Document.Version), ("unit", "30-21", alsoBroken.Document.Version)], "admin-anna"));
            refused.Errors.Select(e => (e.File, e.Path, e.Line)).ShouldBe(
                [("location/hauptstelle", "$.spec.openingHours.monday[0]", 11), ("unit/30-21", "$.spec.code", 4)], ignoreOrder: true);

            (await fixture.Store.GetPublishedAsync("location", "hauptstelle"))!.Yaml.ShouldBe(Location);
            (await fixture.Store.GetPublishedAsync("unit", "30-20")).ShouldBeNull();
            (await Drafts.GetAsync("unit", "30-20"))!.Draft!.Document.Version.ShouldBe(valid.Document.Version);
        }
    }

    [Fact]
    public async Task Publish_OfAVersionThatIsNoLongerTheDraft_IsAConflict_AndChangesNothing()
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            var chosen = await Drafts.SaveAsync(Location, null, "admin-anna");
            // Berta saves again after Anna chose version 1 for publication.
            var later = await Drafts.SaveAsync(Location.Replace("Markt 1", "Markt 2", StringComparison.Ordinal), chosen.Document.Version, "admin-berta");
            var stale = await Should.ThrowAsync<MetadataConflictException>(() => Drafts.PublishAsync([("location", "hauptstelle", chosen.Document.Version)], "admin-anna"));
            stale.Current.Version.ShouldBe(later.Document.Version);

            (await Drafts.DiscardAsync("location", "hauptstelle", "admin-berta")).ShouldBeTrue();
            var gone = await Should.ThrowAsync<MetadataConflictException>(() => Drafts.PublishAsync([("location", "hauptstelle", later.Document.Version)], "admin-anna"));
            gone.Current.State.ShouldBe(MetadataState.Discarded);

            (await fixture.Store.GetPublishedAsync("location", "hauptstelle")).ShouldBeNull();
            await Should.ThrowAsync<MetadataNotFoundException>(() => Drafts.PublishAsync([("unit", "nirgends", 1)], "admin-anna"));
        }
    }

    [Fact]
    public async Task TwoPublishesRacingForTheSameDraft_ExactlyOneWins_AndTheOtherGetsTheConflict()
    {
        var a = await NewAuthorityAsync();
        for (var round = 0; round < 8; round++)
        {
            int version;
            using (fixture.CurrentTenant.Begin(a))
            {
                var current = await Drafts.GetAsync("location", "hauptstelle");
                version = (await Drafts.SaveAsync(Location.Replace("Markt 1", $"Markt {round + 10}", StringComparison.Ordinal),
                    current?.Published?.Version, "admin-anna")).Document.Version;
            }

            using var start = new SemaphoreSlim(0, 2);
            var racers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                using (fixture.CurrentTenant.Begin(a))
                {
                    await start.WaitAsync();
                    try
                    {
                        return (Published: await Drafts.PublishAsync([("location", "hauptstelle", version)], $"admin-{i}"), Conflict: (MetadataConflictException?)null);
                    }
                    catch (MetadataConflictException conflict)
                    {
                        return (Published: 0, Conflict: conflict);
                    }
                }
            })).ToList();
            start.Release(2);
            var results = await Task.WhenAll(racers);

            results.Count(r => r.Published == 1).ShouldBe(1, $"round {round}");
            var loser = results.Single(r => r.Conflict is not null).Conflict!;
            loser.Current.Version.ShouldBe(version);
            loser.Current.State.ShouldBe(MetadataState.Published);
        }

        using (fixture.CurrentTenant.Begin(a))
        {
            var history = await fixture.Store.GetHistoryAsync("location", "hauptstelle");
            history.Count(v => v.State == MetadataState.Published).ShouldBe(1);
            history.Count(v => v.State == MetadataState.Superseded).ShouldBe(7);
        }

        (await AuditAsync(a, "metadata.publish")).Count.ShouldBe(8);
    }

    [Fact]
    public async Task TwoAdminsCreatingTheSameNewDocumentAtOnce_OneStoresIt_AndTheOtherGetsTheConflict()
    {
        var a = await NewAuthorityAsync();
        for (var round = 0; round < 8; round++)
        {
            var key = $"neu-{round}";
            using var start = new SemaphoreSlim(0, 2);
            var racers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                using (fixture.CurrentTenant.Begin(a))
                {
                    await start.WaitAsync();
                    try
                    {
                        return (Saved: (MetadataDraft?)await Drafts.SaveAsync(Unit(key).Replace("name: Sachgebiet", $"name: Sachgebiet {i}", StringComparison.Ordinal), null, $"admin-{i}"),
                            Conflict: (MetadataConflictException?)null);
                    }
                    catch (MetadataConflictException conflict)
                    {
                        return (Saved: null, Conflict: conflict);
                    }
                }
            })).ToList();
            start.Release(2);
            var results = await Task.WhenAll(racers);

            var saved = results.Single(r => r.Saved is not null).Saved!;
            results.Single(r => r.Conflict is not null).Conflict!.Current.Version.ShouldBe(saved.Document.Version);
            using (fixture.CurrentTenant.Begin(a))
            {
                (await fixture.Store.GetHistoryAsync("unit", key)).ShouldHaveSingleItem().Version.ShouldBe(1);
            }
        }
    }

    [Fact]
    public async Task PublishingEveryOpenDraft_ThroughTheStore_DoesNotPublishADraftKeptWithErrors()
    {
        var a = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            await fixture.Store.SaveDraftAsync(Unit("30-20"), "admin-anna");
            await Drafts.SaveAsync(Location.Replace("postalCode: \"52062\"", "postalCode: \"x\"", StringComparison.Ordinal), null, "admin-anna");

            var refused = await Should.ThrowAsync<MetadataValidationException>(() => fixture.Store.PublishAsync(null, "admin-anna"));
            refused.Errors.ShouldHaveSingleItem().Path.ShouldBe("$.spec.address.postalCode");
            (await fixture.Store.GetPublishedAsync("unit", "30-20")).ShouldBeNull();
            (await fixture.Store.GetPublishedAsync("location", "hauptstelle")).ShouldBeNull();

            // Named documents are published when the invalid one is not among them.
            (await fixture.Store.PublishAsync([("unit", "30-20")], "admin-anna")).ShouldBe(1);
        }
    }

    [Fact]
    public async Task ATenantDocumentWithOtherHostsOrModules_IsKeptWithLocatedErrors_AndCannotBePublished()
    {
        var a = await NewAuthorityAsync();
        var profile = Profile(a, ["organization", "cases"]);
        using (fixture.CurrentTenant.Begin(a))
        {
            var draft = await Drafts.SaveAsync(profile, null, "admin-anna");
            draft.Errors.Select(e => (e.Path, e.Text!.Key)).ShouldBe([("$.spec.modules", "platform.metadata.tenant.modules-by-operator")]);
            await Should.ThrowAsync<MetadataValidationException>(() => Drafts.PublishAsync([("tenant", a.Key, draft.Document.Version)], "admin-anna"));
            await Should.ThrowAsync<MetadataValidationException>(() => fixture.Store.SaveDraftAsync(profile, "admin-anna"));

            var own = await Drafts.SaveAsync(Profile(a, ["organization"]), draft.Document.Version, "admin-anna");
            own.CanPublish.ShouldBeTrue();
            (await Drafts.PublishAsync([("tenant", a.Key, own.Document.Version)], "admin-anna")).ShouldBe(1);
        }
    }

    [Fact]
    public async Task APublishedProfile_RenamesTheAuthorityInTheRegistry_AndChangesItsDefaultLanguage()
    {
        var a = await NewAuthorityAsync();
        var renamed = Profile(a, ["organization"]).Replace($"name: Testbehörde {a.Key}", "name: Kreis Umbenannt", StringComparison.Ordinal)
            + "\n  defaultLanguage: en\n  languages: [de, en]\n";
        using (fixture.CurrentTenant.Begin(a))
        {
            var draft = await Drafts.SaveAsync(renamed, null, "admin-anna");
            draft.CanPublish.ShouldBeTrue(string.Join("; ", draft.Errors));
            (await fixture.Catalog.FindByKeyAsync(a.Key))!.Name.ShouldNotBe("Kreis Umbenannt"); // a draft changes nothing
            (await Drafts.PublishAsync([("tenant", a.Key, draft.Document.Version)], "admin-anna")).ShouldBe(1);
        }

        var registry = await fixture.Catalog.FindByKeyAsync(a.Key);
        registry!.Name.ShouldBe("Kreis Umbenannt");
        registry.DefaultLanguage.ShouldBe("en");
    }

    [Fact]
    public async Task Discard_KeepsThePublishedVersion_AndRestore_MakesAnOldVersionTheNewDraft()
    {
        var a = await NewAuthorityAsync();
        var second = Location.Replace("Markt 1", "Markt 2", StringComparison.Ordinal);
        using (fixture.CurrentTenant.Begin(a))
        {
            await Drafts.SaveAsync(Location, null, "admin-anna");
            await Drafts.PublishAsync([("location", "hauptstelle", 1)], "admin-anna");
            await Drafts.SaveAsync(second, 1, "admin-anna");

            (await Drafts.DiscardAsync("location", "hauptstelle", "admin-berta")).ShouldBeTrue();
            (await Drafts.DiscardAsync("location", "hauptstelle", "admin-berta")).ShouldBeFalse();
            var entry = (await Drafts.GetAsync("location", "hauptstelle"))!;
            entry.Draft.ShouldBeNull();
            entry.Published!.Version.ShouldBe(1);
            var discarded = (await fixture.Store.GetHistoryAsync("location", "hauptstelle"))[0];
            (discarded.Version, discarded.State, discarded.DiscardedBy).ShouldBe((2, MetadataState.Discarded, "admin-berta"));

            // The published text again: nothing to store.
            (await Drafts.RestoreAsync("location", "hauptstelle", 1, "admin-carla")).Document.State.ShouldBe(MetadataState.Published);

            // The discarded version 2 comes back as version 3, published; then version 1 is restored as version 4.
            var restored = await Drafts.RestoreAsync("location", "hauptstelle", 2, "admin-carla");
            (restored.Document.Version, restored.Document.RestoredFrom, restored.Document.Yaml).ShouldBe((3, 2, second));
            await Drafts.PublishAsync([("location", "hauptstelle", 3)], "admin-carla");
            var rollback = await Drafts.RestoreAsync("location", "hauptstelle", 1, "admin-carla");
            (rollback.Document.Version, rollback.Document.State, rollback.Document.RestoredFrom, rollback.Document.CreatedBy).ShouldBe((4, MetadataState.Draft, 1, "admin-carla"));
            rollback.Document.Yaml.ShouldBe(Location);
            (await fixture.Store.GetPublishedAsync("location", "hauptstelle"))!.Yaml.ShouldBe(second);

            await Should.ThrowAsync<MetadataNotFoundException>(() => Drafts.RestoreAsync("location", "hauptstelle", 99, "admin-carla"));
        }

        (await AuditAsync(a, "metadata.discard")).ShouldBe([("admin-berta", "hauptstelle", "version 2")]);
        (await AuditAsync(a, "metadata.restore")).Select(r => r.Details).ShouldBe(["version 3 from version 2", "version 4 from version 1"]);
    }

    [Fact]
    public async Task AnotherAuthoritysAdmin_CannotRead_Discard_Restore_Publish_OrExport_TheseDraftsAndHistory()
    {
        var a = await NewAuthorityAsync();
        var b = await NewAuthorityAsync();
        using (fixture.CurrentTenant.Begin(a))
        {
            await Drafts.SaveAsync(Location, null, "admin-a");
            await Drafts.PublishAsync([("location", "hauptstelle", 1)], "admin-a");
            await Drafts.SaveAsync(Location.Replace("Markt 1", "Markt 2", StringComparison.Ordinal), 1, "admin-a");
        }

        var exchange = fixture.Services.GetRequiredService<IMetadataExchange>();
        using (fixture.CurrentTenant.Begin(b))
        {
            (await Drafts.ListAsync()).ShouldBeEmpty();
            (await Drafts.GetAsync("location", "hauptstelle")).ShouldBeNull();
            (await fixture.Store.GetHistoryAsync("location", "hauptstelle")).ShouldBeEmpty();
            (await Drafts.DiscardAsync("location", "hauptstelle", "admin-b")).ShouldBeFalse();
            await Should.ThrowAsync<MetadataNotFoundException>(() => Drafts.RestoreAsync("location", "hauptstelle", 1, "admin-b"));
            await Should.ThrowAsync<MetadataNotFoundException>(() => Drafts.PublishAsync([("location", "hauptstelle", 2)], "admin-b"));
            (await fixture.Store.PublishAsync(null, "admin-b")).ShouldBe(0);

            using var zip = new MemoryStream();
            await exchange.ExportAsync(zip);
            zip.Position = 0;
            using var archive = new System.IO.Compression.ZipArchive(zip);
            archive.Entries.ShouldBeEmpty();
        }

        using (fixture.CurrentTenant.Begin(a))
        {
            var entry = (await Drafts.GetAsync("location", "hauptstelle"))!;
            (entry.Published!.Version, entry.Draft!.Document.Version).ShouldBe((1, 2));
            (await fixture.Store.GetHistoryAsync("location", "hauptstelle")).Count.ShouldBe(2);
        }

        (await AuditAsync(b, "metadata.publish")).ShouldBeEmpty();
        (await AuditAsync(b, "metadata.discard")).ShouldBeEmpty();
    }

    internal static string Unit(string key) => $"kind: unit\nkey: {key}\nspec:\n  code: \"{key.Replace('-', '.')}\"\n  name: Sachgebiet {key}\n";

    internal static string Profile(TenantInfo tenant, IEnumerable<string> modules) => $"""
        # Profil
        kind: tenant
        key: {tenant.Key}
        spec:
          name: Testbehörde {tenant.Key}
          officialKey: "05334000"
          federalState: NW
          hosts:
            - {tenant.Hosts[0]}
          modules: [{string.Join(", ", modules)}]
        """;

    private static string AliasBomb(string key)
    {
        var bomb = new StringBuilder($"kind: unit\nkey: {key}\nspec:\n  code: \"1\"\n  name: x\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            bomb.Append(CultureInfo.InvariantCulture, $"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        return bomb.ToString();
    }

    private async Task<TenantInfo> NewAuthorityAsync() => await TestTenants.CreateAsync(fixture.Database, ["organization"]);

    private async Task<string> ReadErrorAsync(TenantInfo tenant, string language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            using (fixture.CurrentTenant.Begin(tenant))
            {
                var draft = (await Drafts.GetAsync("location", "hauptstelle"))!.Draft!;
                return draft.Errors.Single(e => e.Path == "$.spec.name").Message;
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>A value as the application role sees it with the authority set (row-level security decides).</summary>
    private async Task<T> ScalarAsync<T>(TenantInfo tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ApplicationConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var bind = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, tx))
        {
            bind.Parameters.Add(new NpgsqlParameter { Value = tenant.Id.ToString() });
            await bind.ExecuteNonQueryAsync();
        }

        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    internal static async Task<List<(string Actor, string? RecordId, string? Details)>> AuditAsync(TenantInfo tenant, string action)
    {
        var database = await TestDatabase.GetAsync();
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT actor, record_id, details FROM audit.events WHERE tenant_id = $1 AND action = $2 ORDER BY seq", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = action });
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }
}

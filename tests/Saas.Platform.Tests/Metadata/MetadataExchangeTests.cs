using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

/// <summary>
/// An authority's configuration as a zip (docs/adr/0018): the export holds the files <c>saas tenants export</c> writes,
/// the import takes them as drafts of another authority (its own key, hosts and modules), and a zip that is hostile or
/// broken anywhere is refused with located errors and leaves nothing behind.
/// </summary>
public sealed class MetadataExchangeTests(MetadataFixture fixture) : IClassFixture<MetadataFixture>
{
    private IMetadataDrafts Drafts => fixture.Services.GetRequiredService<IMetadataDrafts>();

    private IMetadataExchange Exchange => fixture.Services.GetRequiredService<IMetadataExchange>();

    [Fact]
    public async Task ExportFromA_ImportIntoB_GivesBDraftsEqualToAsDocuments_ExceptTheAuthoritysIdentity()
    {
        var a = await TestTenants.CreateAsync(fixture.Database, ["organization"]);
        var b = await TestTenants.CreateAsync(fixture.Database, ["organization", "cases"], hosts: ["b-one.test.localhost", "b-two.test.localhost"]);
        using (fixture.CurrentTenant.Begin(a))
        {
            foreach (var yaml in new[] { MetadataDraftsTests.Profile(a, ["organization"]), MetadataDraftsTests.Location, MetadataDraftsTests.Unit("30-20") })
            {
                await Drafts.SaveAsync(yaml, null, "admin-a");
            }

            await Drafts.PublishAsync((await Drafts.ListAsync()).Select(e => (e.Kind, e.Key, e.Draft!.Document.Version)).ToList(), "admin-a");
        }

        byte[] zip;
        IReadOnlyList<MetadataDocument> published;
        using (fixture.CurrentTenant.Begin(a))
        {
            using var buffer = new MemoryStream();
            await Exchange.ExportAsync(buffer);
            zip = buffer.ToArray();
            published = (await Drafts.ListAsync()).Select(e => e.Published!).ToList();
        }

        // The zip holds exactly the files (names and bytes) the CLI's export writes into the authority's folder.
        var folder = Path.Combine(Path.GetTempPath(), "saas-tests", Guid.NewGuid().ToString("N"));
        try
        {
            (await fixture.Importer.ExportAsync(a.Key, folder)).ShouldBe(3);
            var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);
            var zipped = Entries(zip);
            zipped.Keys.Order(StringComparer.Ordinal).ShouldBe(["locations/hauptstelle.yaml", "tenant.yaml", "units/30-20.yaml"]);
            zipped.Keys.Order(StringComparer.Ordinal).ShouldBe(written.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, bytes) in zipped)
            {
                bytes.ShouldBe(written[name], name);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        using (fixture.CurrentTenant.Begin(b))
        {
            (await Exchange.ImportAsync(new MemoryStream(zip), "admin-b")).ShouldBe(3);
            var entries = await Drafts.ListAsync();
            entries.ShouldAllBe(e => e.Published == null && e.Draft != null && e.Draft.CanPublish);
            foreach (var document in published.Where(d => d.Kind != TenantKind.Name))
            {
                var draft = entries.Single(e => e.Kind == document.Kind && e.Key == document.Key).Draft!.Document;
                (draft.Yaml, draft.SourcePath, draft.CreatedBy).ShouldBe((document.Yaml, MetadataImporter.ExportPath(document), "admin-b"));
            }

            var profile = entries.Single(e => e.Kind == TenantKind.Name).Draft!.Document;
            profile.Key.ShouldBe(b.Key);
            profile.Spec["hosts"]!.AsArray().Select(h => h!.GetValue<string>()).ShouldBe(["b-one.test.localhost", "b-two.test.localhost"]);
            profile.Spec["modules"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["cases", "organization"]);
            var original = published.Single(d => d.Kind == TenantKind.Name);
            profile.Spec["name"]!.GetValue<string>().ShouldBe(original.Spec["name"]!.GetValue<string>());
            profile.Yaml.ShouldStartWith("# Profil\nkind: tenant\nkey: " + b.Key + "\n");

            // Importing the same zip again stores nothing new; publishing what came works.
            (await Exchange.ImportAsync(new MemoryStream(zip), "admin-b")).ShouldBe(0);
            (await Drafts.PublishAsync(entries.Select(e => (e.Kind, e.Key, e.Draft!.Document.Version)).ToList(), "admin-b")).ShouldBe(3);
        }

        using (fixture.CurrentTenant.Begin(a))
        {
            (await Drafts.ListAsync()).ShouldAllBe(e => e.Draft == null && e.Published != null && e.Published.Version == 1);
        }

        (await MetadataDraftsTests.AuditAsync(b, "metadata.import")).ShouldBe([("admin-b", null, "3 drafts from 3 documents"), ("admin-b", null, "0 drafts from 3 documents")]);
    }

    [Fact]
    public async Task AZipOfTheAuthorityFolderItself_IsReadFromItsTopFolder()
    {
        var b = await TestTenants.CreateAsync(fixture.Database, ["organization"]);
        var zip = Zip(("aachen/tenant.yaml", MetadataDraftsTests.Profile(b, ["organization"]).Replace(b.Key, "aachen", StringComparison.Ordinal)),
            ("aachen/locations/hauptstelle.yaml", MetadataDraftsTests.Location), ("aachen/users.yaml", "users: []\n"), ("aachen/README.md", "# no"));
        using (fixture.CurrentTenant.Begin(b))
        {
            (await Exchange.ImportAsync(new MemoryStream(zip), "admin-b")).ShouldBe(2);
            (await Drafts.GetAsync("location", "hauptstelle"))!.Draft!.Document.SourcePath.ShouldBe("locations/hauptstelle.yaml");
            (await Drafts.GetAsync("tenant", b.Key))!.Draft!.Document.SourcePath.ShouldBe("tenant.yaml");
        }
    }

    public static TheoryData<string, string> UnsafeNames => new()
    {
        { "../evil.yaml", "platform.metadata.zip.unsafe-name" },
        { "locations/../../evil.yaml", "platform.metadata.zip.unsafe-name" },
        { "/etc/evil.yaml", "platform.metadata.zip.unsafe-name" },
        { "locations\\evil.yaml", "platform.metadata.zip.unsafe-name" },
        { "C:/evil.yaml", "platform.metadata.zip.unsafe-name" },
        { "locations/link.yaml", "platform.metadata.zip.symlink" },
    };

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public async Task AZipWithAnEntryThatCouldReachOutside_IsRefusedAtThatEntry_AndNothingIsStored(string name, string text)
    {
        var b = await TestTenants.CreateAsync(fixture.Database, ["organization"]);
        var zip = Zip(symlink: name.EndsWith("link.yaml", StringComparison.Ordinal) ? name : null,
            ("locations/hauptstelle.yaml", MetadataDraftsTests.Location), (name, MetadataDraftsTests.Unit("30-20")));
        await RefusedAsync(b, zip, (name, null, text));
    }

    [Fact]
    public async Task AZipWithYamlBombs_IsRefusedWithTheParsersLocatedErrors_AndNothingIsStored()
    {
        var b = await TestTenants.CreateAsync(fixture.Database, ["organization"]);
        var deep = "kind: unit\nkey: tief\nspec:\n  code: \"1\"\n  name: " + new string('[', 1_000) + new string(']', 1_000) + "\n";
        var aliases = new StringBuilder("kind: unit\nkey: aliase\nspec:\n  code: \"1\"\n  name: x\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            aliases.Append(System.Globalization.CultureInfo.InvariantCulture, $"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var zip = Zip(("locations/hauptstelle.yaml", MetadataDraftsTests.Location), ("units/tief.yaml", deep), ("units/aliase.yaml", aliases.ToString()));
        await RefusedAsync(b, zip, ("units/tief.yaml", 5, "platform.metadata.too-deep"), ("units/aliase.yaml", 6, "platform.metadata.too-many-values"));
    }

    [Fact]
    public async Task AZipWithOneBrokenFileAmongGoodOnes_IsRefusedWithItsFileLineAndColumn_AndNothingIsStored()
    {
        var b = await TestTenants.CreateAsync(fixture.Database, ["organization"]);
        var broken = MetadataDraftsTests.Location.Replace("postalCode: \"52062\"", "postalCode: \"5206\"", StringComparison.Ordinal).Replace("hauptstelle", "nebenstelle", StringComparison.Ordinal);
        var zip = Zip(("locations/hauptstelle.yaml", MetadataDraftsTests.Location), ("units/30-20.yaml", MetadataDraftsTests.Unit("30-20")),
            ("locations/nebenstelle.yaml", broken), ("units/kaputt.yaml", "kind: unit\nkey: kaputt\nspec:\n  code: [unclosed\n"));
        var errors = await RefusedAsync(b, zip, ("locations/nebenstelle.yaml", 8, "platform.metadata.schema.format"), ("units/kaputt.yaml", 5, "platform.metadata.invalid-yaml"));
        var located = errors.Single(e => e.File == "locations/nebenstelle.yaml");
        (located.Path, located.Column).ShouldBe(("$.spec.address.postalCode", 5));
    }

    [Fact]
    public async Task AZipBeyondItsLimits_IsRefused_BeforeItsFilesAreRead()
    {
        var b = await TestTenants.CreateAsync(fixture.Database, ["organization"]);
        // 1 MiB of spaces compresses about a thousand times.
        var packed = "kind: unit\nkey: gross\nspec:\n  code: \"1\"\n  name: x" + new string(' ', 1024 * 1000) + "\n";
        await RefusedAsync(b, Zip(("units/gross.yaml", packed)), ("units/gross.yaml", null, "platform.metadata.zip.ratio"));

        var tooLarge = "kind: unit\nkey: gross\nspec:\n  code: \"1\"\n  name: " + RandomText(1024 * 1024 + 10) + "\n";
        await RefusedAsync(b, Zip(CompressionLevel.NoCompression, ("units/gross.yaml", tooLarge)), ("units/gross.yaml", null, "platform.metadata.file-too-large"));

        var many = Enumerable.Range(0, 2_001).Select(i => ($"notes/{i}.txt", "x")).ToArray();
        await RefusedAsync(b, Zip(many), ("(zip)", null, "platform.metadata.zip.too-many-entries"));

        await RefusedAsync(b, Encoding.UTF8.GetBytes("kind: unit\n"), ("(zip)", null, "platform.metadata.zip.unreadable"));
        await RefusedAsync(b, Zip(("README.md", "nothing")), ("(zip)", null, "platform.metadata.zip.empty"));
    }

    private async Task<IReadOnlyList<MetadataError>> RefusedAsync(TenantInfo tenant, byte[] zip, params (string File, int? Line, string Text)[] expected)
    {
        using (fixture.CurrentTenant.Begin(tenant))
        {
            var refused = await Should.ThrowAsync<MetadataValidationException>(() => Exchange.ImportAsync(new MemoryStream(zip), "admin-b"));
            refused.Errors.Select(e => (e.File, e.Line, e.Text?.Key ?? e.Message)).ShouldBe(expected.Select(e => (e.File, e.Line, e.Text)), ignoreOrder: true);
            (await Drafts.ListAsync()).ShouldBeEmpty();
            return refused.Errors;
        }
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static byte[] Zip(params (string Name, string Text)[] entries) => Zip(CompressionLevel.Optimal, entries);

    private static byte[] Zip(CompressionLevel level, params (string Name, string Text)[] entries) => Zip(level, null, entries);

    private static byte[] Zip(string? symlink, params (string Name, string Text)[] entries) => Zip(CompressionLevel.Optimal, symlink, entries);

    private static byte[] Zip(CompressionLevel level, string? symlink, (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                var entry = archive.CreateEntry(name, level);
                if (name == symlink)
                {
                    // A Unix symbolic link (mode 0120777) as zip -y writes it.
                    entry.ExternalAttributes = unchecked((int)0xA1FF0000);
                }

                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    private static string RandomText(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        return new string(bytes.Select(b => (char)('a' + (b % 26))).ToArray());
    }
}

using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;
using Saas.Testing;

namespace Saas.Modules.Studio.Tests.Features.Editors;

/// <summary>
/// Every registered kind round-trips through its generated editor: each sample document (every authority folder of
/// tenants/, imported through the studio's own import, and every module's samples) is opened in the form, posted back
/// unchanged as a browser would post it, and saved again as the same bytes. The kinds are read from the host's
/// registry, so a kind a new module registers is covered here, or fails the first test when it brings no sample.
/// </summary>
public sealed class EveryKindRoundTripTests(TenantsWithDataFixture fixture) : IClassFixture<TenantsWithDataFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (!folder!.StartsWith('_'))
            {
                data.Add(folder);
            }
        }

        return data;
    }

    [Fact]
    public async Task EveryRegisteredKind_HasASampleDocument_InTenantsOrInAModulesSamples()
    {
        var registered = fixture.App.Services.GetRequiredService<IMetadataKindRegistry>().All.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var fromFolders = Directory.EnumerateFiles(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines).Where(l => l.StartsWith("kind: ", StringComparison.Ordinal)).Select(l => l[6..].Trim());
        using var admin = new StudioClient(fixture.App, fixture.A.Key);
        var fromSamples = (await EntriesAsync(admin)).Select(e => e.Kind);
        registered.Except(fromFolders.Concat(fromSamples)).ShouldBeEmpty("kinds without a sample document cannot be shown to round-trip");
    }

    [Fact]
    public async Task EveryModulesSamples_RoundTripThroughTheForm_ByteForByte()
    {
        using var admin = new StudioClient(fixture.App, fixture.A.Key);
        var entries = await EntriesAsync(admin);
        entries.Count.ShouldBeGreaterThan(3);
        await RoundTripAllAsync(admin, entries);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task EveryDocumentOfAnAuthorityFolder_RoundTripsThroughTheForm_ByteForByte(string folder)
    {
        var tenant = await TestTenants.CreateAsync(await TestDatabase.GetAsync());
        using var admin = new StudioClient(fixture.App, tenant.Key);
        using (var request = new HttpRequestMessage(HttpMethod.Post, admin.Path("/api/studio/import")) { Content = new ByteArrayContent(Zip(folder)) })
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
            var imported = await admin.SendAsync(request);
            imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        }

        var entries = await EntriesAsync(admin);
        var files = Directory.EnumerateFiles(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", folder), "*.yaml", SearchOption.AllDirectories)
            .Count(f => !f.EndsWith("users.yaml", StringComparison.Ordinal));
        entries.Count.ShouldBe(files);
        await RoundTripAllAsync(admin, entries);
    }

    private static async Task RoundTripAllAsync(StudioClient admin, IReadOnlyList<(string Kind, string Key)> entries)
    {
        var failures = new List<string>();
        foreach (var (kind, key) in entries)
        {
            var before = await DocumentAsync(admin, kind, key);
            var html = await admin.PageAsync($"/admin/studio/{kind}/{key}");
            if (html.Contains("name=\"Yaml\"", StringComparison.Ordinal))
            {
                failures.Add($"{kind}/{key}: the form cannot show it (opened as YAML)");
                continue;
            }

            var saved = await admin.PostFormAsync($"/admin/studio/{kind}/{key}", "Save", html: html);
            if (saved.StatusCode != HttpStatusCode.Redirect)
            {
                failures.Add($"{kind}/{key}: {(int)saved.StatusCode} {Shorten(await saved.Content.ReadAsStringAsync())}");
                continue;
            }

            var after = await DocumentAsync(admin, kind, key);
            if (after.Yaml != before.Yaml)
            {
                failures.Add($"{kind}/{key}: the text changed:\n{before.Yaml}\n---\n{after.Yaml}");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private static async Task<List<(string Kind, string Key)>> EntriesAsync(StudioClient admin)
    {
        var list = JsonDocument.Parse(await (await admin.GetAsync("/api/studio/documents")).Content.ReadAsStringAsync()).RootElement;
        return list.EnumerateArray().Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("key").GetString()!)).ToList();
    }

    private static async Task<(int Version, string Yaml)> DocumentAsync(StudioClient admin, string kind, string key)
    {
        var response = await admin.GetAsync($"/api/studio/documents/{kind}/{key}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var document = JsonDocument.Parse(body).RootElement;
        return (document.GetProperty("version").GetInt32(), document.GetProperty("yaml").GetString()!);
    }

    /// <summary>An authority folder as the export writes it: its files at the zip's root, users.yaml (sign-in, not configuration) left out.</summary>
    internal static byte[] Zip(string folder)
    {
        var root = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", folder);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Where(f => !f.EndsWith("users.yaml", StringComparison.Ordinal)))
            {
                var entry = zip.CreateEntry(Path.GetRelativePath(root, file).Replace('\\', '/'));
                using var stream = entry.Open();
                stream.Write(File.ReadAllBytes(file));
            }
        }

        return buffer.ToArray();
    }

    private static string Shorten(string body) => body.Length <= 2000 ? body : body[..2000];
}

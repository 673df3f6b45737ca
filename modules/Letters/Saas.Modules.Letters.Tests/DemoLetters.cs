using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Saas.Modules.Letters.Tests;

/// <summary>
/// A fresh authority made like a demo one: the profile (name, department, address), document types and letters of a
/// folder in tenants/ published under the fresh authority's key, hosts and modules; files opened through the e-Akte's API.
/// </summary>
internal static partial class DemoLetters
{
    public static readonly string Tenants = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants");

    [GeneratedRegex(@"(?ms)^  hosts:\n(    - .*?\n)+")]
    private static partial Regex HostsBlock();

    [GeneratedRegex(@"(?ms)^  modules:\n(    - .*?\n)+")]
    private static partial Regex ModulesBlock();

    public static async Task PublishAsync(SaasAppFactory app, TenantInfo tenant, string demo, Func<string, string, string>? edit = null)
    {
        var profile = await File.ReadAllTextAsync(Path.Combine(Tenants, demo, "tenant.yaml"));
        profile = profile.Replace($"key: {demo}\n", $"key: {tenant.Key}\n", StringComparison.Ordinal);
        profile = HostsBlock().Replace(profile, $"  hosts: [{string.Join(", ", tenant.Hosts)}]\n");
        profile = ModulesBlock().Replace(profile, $"  modules: [{string.Join(", ", tenant.EnabledModules)}]\n");
        using var _ = app.Services.GetRequiredService<ICurrentTenant>().Begin(tenant);
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync(profile, "test");
        foreach (var folder in new[] { "document-types", "letters" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Tenants, demo, folder), "*.yaml").Order(StringComparer.Ordinal))
            {
                var text = await File.ReadAllTextAsync(file);
                await store.SaveDraftAsync(edit is null ? text : edit(Path.GetFileName(file), text), "test");
            }
        }

        await store.PublishAsync(null, "test");
    }

    /// <summary>A client of <paramref name="tenant"/>'s API as its caseworker.</summary>
    public static HttpClient Client(TwoTenantsFixture fixture, string tenant)
    {
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, $"cw-{tenant}"));
        return client;
    }

    public static async Task<(Guid Id, string FileNumber)> OpenFileAsync(HttpClient client, string surname, string givenNames)
    {
        var response = await client.PostAsJsonAsync("api/cases/files", new { surname, givenNames });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var file = JsonDocument.Parse(body).RootElement;
        return (file.GetProperty("id").GetGuid(), file.GetProperty("fileNumber").GetString()!);
    }

    /// <summary>Runs a poppler tool on the PDF and answers its output.</summary>
    public static async Task<string> PopplerAsync(string tool, byte[] pdf, params string[] arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), "letter-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(path);
            if (tool == "pdftotext")
            {
                start.ArgumentList.Add("-");
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>pdftotext's words with line breaks and hyphenation undone, so a value split over two lines is still found.</summary>
    public static async Task<string> TextAsync(byte[] pdf) => Regex.Replace(await PopplerAsync("pdftotext", pdf), @"\s+", " ");
}

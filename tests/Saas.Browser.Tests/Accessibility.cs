using System.Text.Json;

namespace Saas.Browser.Tests;

/// <summary>Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns its violations and the CSP violations seen (ContentPolicy).</summary>
internal static class Accessibility
{
    private static readonly string AxeScript = File.ReadAllText(FindAxe());

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated, not added as an inline script tag: the pages' policy (script-src 'self') refuses inline scripts.
        var json = await ContentPolicy.WhileToolRunsAsync(page, async () =>
        {
            await page.EvaluateAsync(AxeScript);
            return await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }
            """);
        });
        return [.. json.EnumerateArray().Select(e => e.GetString()!), .. ContentPolicy.Violations(page)];
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(Saas.Testing.SaasAppFactory.RepositoryRoot, ".local", "screenshots");
        Directory.CreateDirectory(dir);
        await ContentPolicy.WhileToolRunsAsync(page, () => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true }));
    }

    /// <summary>A screenshot for the record, then axe: no violation of the WCAG A/AA rules on the page as it stands.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name);
        (await ViolationsAsync(page)).ShouldBeEmpty();
    }

    private static string FindAxe()
    {
        var path = Path.Combine(Saas.Testing.SaasAppFactory.RepositoryRoot, "tests", "Saas.Browser.Tests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? path : throw new FileNotFoundException("axe-core is missing: run scripts/browser.sh (npm ci in tests/Saas.Browser.Tests).", path);
    }
}

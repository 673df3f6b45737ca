using System.Runtime.CompilerServices;

namespace Saas.Browser.Tests;

/// <summary>
/// Hardening item 5: the Content-Security-Policy the pages are served with, checked where it matters, in the
/// browser. A watched page collects every violation, from Chromium's console ("Refused to …") and from a
/// <c>securitypolicyviolation</c> listener that runs before the page's own code (in every frame, the viewer's too);
/// <see cref="Accessibility.ViolationsAsync"/> reports them with axe's, so every checked page is also checked for them.
/// </summary>
internal static class ContentPolicy
{
    private const string Listener = """
        document.addEventListener('securitypolicyviolation', e => {
          if (!window.__saasTestTool) {
            console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.documentURI);
          }
        });
        """;

    private static readonly ConditionalWeakTable<IPage, List<string>> Seen = new();

    private static readonly ConditionalWeakTable<IPage, StrongBox<int>> ToolsRunning = new();

    /// <summary>
    /// Runs a test tool in the page whose own code the policy refuses (axe adds style elements, a screenshot hides
    /// the caret with one): what it causes is not the page's violation. The page's flag stays set a moment after, for
    /// the listener's events, which come asynchronously.
    /// </summary>
    public static async Task<T> WhileToolRunsAsync<T>(IPage page, Func<Task<T>> tool)
    {
        var running = ToolsRunning.GetOrCreateValue(page);
        Interlocked.Increment(ref running.Value);
        try
        {
            await page.EvaluateAsync("() => { window.__saasTestTool = true; }");
            var result = await tool();
            await page.EvaluateAsync("() => new Promise(done => setTimeout(() => { window.__saasTestTool = false; done(); }, 100))");
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref running.Value);
        }
    }

    public static async Task<IPage> WatchAsync(IPage page)
    {
        var seen = Seen.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (ToolsRunning.TryGetValue(page, out var running) && Volatile.Read(ref running.Value) > 0)
            {
                return;
            }

            if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.StartsWith("CSP violation", StringComparison.Ordinal)
                || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (seen)
                {
                    seen.Add(message.Text + " (" + page.Url + ")");
                }
            }
        };
        await page.AddInitScriptAsync(Listener);
        return page;
    }

    /// <summary>The violations seen so far; a page that is not watched fails, so that no check is silently skipped.</summary>
    public static IReadOnlyList<string> Violations(IPage page)
    {
        if (!Seen.TryGetValue(page, out var seen))
        {
            throw new InvalidOperationException("The page is not watched for CSP violations: create it with ContentPolicy.WatchAsync.");
        }

        lock (seen)
        {
            return [.. seen];
        }
    }
}

using Microsoft.AspNetCore.Authorization;

namespace Saas.Host.Pages.Operator;

/// <summary>
/// The platform's translations as the operator sees them (docs/adr/0033): per language how many of the German texts it
/// has, and which keys are missing, grouped by the area they belong to. Texts are files in the code, so this page
/// reads and never writes; a missing text is added as a file change that is reviewed like code.
/// </summary>
[Authorize(Policy = SaasPolicies.PlatformOperator)]
internal sealed class TextsModel : PageModel
{
    public int Total { get; private set; }

    public IReadOnlyList<LanguageCoverage> Coverage { get; private set; } = [];

    public void OnGet()
    {
        var catalog = TextCatalog.Shared;
        Total = catalog.Keys(TextCatalog.BaseLanguage).Count(key => !key.StartsWith("language.", StringComparison.Ordinal));
        Coverage = [.. catalog.Languages.Where(l => l.Tag != TextCatalog.BaseLanguage).Select(language =>
        {
            var missing = catalog.Missing(language.Tag);
            var areas = missing.GroupBy(Area, StringComparer.Ordinal).Select(g => new MissingArea(g.Key, [.. g])).ToList();
            return new LanguageCoverage(language, Total - missing.Count, missing.Count, areas);
        })];
    }

    /// <summary>The first two parts of a key (<c>cases.workbench</c>, <c>host.start</c>): who owns the text.</summary>
    private static string Area(string key)
    {
        var first = key.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : key.IndexOf('.', first + 1);
        return second < 0 ? key : key[..second];
    }
}

internal sealed record LanguageCoverage(Language Language, int Present, int Missing, IReadOnlyList<MissingArea> Areas);

internal sealed record MissingArea(string Area, IReadOnlyList<string> Keys);

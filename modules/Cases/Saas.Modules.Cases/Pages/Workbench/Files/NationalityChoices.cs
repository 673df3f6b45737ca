using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>
/// The nationality selects of a person form (new file, person data), drawn by <c>_NationalitySelects</c>: the
/// values given, each preselecting its code where the list knows it (a value written before the list stays as
/// written), then empty selects up to <see cref="MinChoices"/>.
/// </summary>
internal sealed record NationalityChoices(NationalityList List, IReadOnlyList<string> Values, bool Invalid)
{
    /// <summary>Selects shown at least: the person's nationalities plus empty ones.</summary>
    public const int MinChoices = 3;

    public static NationalityChoices For(NationalityList list, IEnumerable<string?> given, bool invalid)
    {
        ArgumentNullException.ThrowIfNull(list);
        var values = given.OfType<string>().Where(n => n.Length > 0).Select(n => list.IsCode(n) ? n : list.Find(n)?.Code ?? n).Distinct().ToList();
        return new(list, [.. values, .. Enumerable.Repeat("", Math.Max(1, MinChoices - values.Count))], invalid);
    }

    /// <summary>What the form sent, without the empty selects.</summary>
    public static string[] Chosen(IEnumerable<string?> sent) => [.. sent.OfType<string>().Select(n => n.Trim()).Where(n => n.Length > 0)];
}

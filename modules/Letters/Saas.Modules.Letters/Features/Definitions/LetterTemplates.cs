using System.Text.RegularExpressions;

namespace Saas.Modules.Letters.Features.Definitions;

/// <summary>A template file found for a letter: its RazorLight key (relative to the tenants folder) and its path.</summary>
internal sealed record TemplateFile(string Key, string Path, string Display);

/// <summary>
/// Where a letter's reviewed template lies and what it may name (docs/adr/0023): <c>tenants/&lt;key&gt;/templates/&lt;name&gt;.cshtml</c>,
/// else the platform's shared <c>tenants/_platform/templates/&lt;name&gt;.cshtml</c>. The name comes from the letter
/// document (schema: lower-case letters, digits and hyphens, so it cannot leave the folder). A template names the
/// letter's values as <c>Model.Value("name")</c> and its text blocks as <c>Model.Text("name")</c> or
/// <c>Model.Paragraphs("name")</c>; each must be declared by the letter, and <c>Html.Raw</c> is refused, so that
/// nothing the admins write reaches the page unencoded.
/// </summary>
internal static partial class LetterTemplates
{
    public const string Platform = "_platform";

    public const string Extension = ".cshtml";

    /// <summary>The largest template file read (a reviewed file, but read with a limit like every input).</summary>
    public const int MaxBytes = 256 * 1024;

    [GeneratedRegex(@"Model\s*\.\s*(Value|Text|Paragraphs)\s*\(\s*""([^""]*)""\s*\)")]
    private static partial Regex Use();

    [GeneratedRegex(@"Html\s*\.\s*Raw\b")]
    private static partial Regex Raw();

    /// <summary>The template of <paramref name="name"/> for the authority whose folder is <paramref name="authorityFolder"/>, in <paramref name="tenantsRoot"/>.</summary>
    public static TemplateFile? Find(string tenantsRoot, string authority, string name, string? authorityFolder = null)
    {
        if (!Regex.IsMatch(name, "^[a-z0-9][a-z0-9-]{0,59}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return null;
        }

        var own = Path.Combine(authorityFolder ?? Path.Combine(tenantsRoot, authority), "templates", name + Extension);
        if (File.Exists(own))
        {
            return new TemplateFile($"{authority}/templates/{name}{Extension}", own, $"{authority}/templates/{name}{Extension}");
        }

        var shared = Path.Combine(tenantsRoot, Platform, "templates", name + Extension);
        return File.Exists(shared) ? new TemplateFile($"{Platform}/templates/{name}{Extension}", shared, $"{Platform}/templates/{name}{Extension}") : null;
    }

    /// <summary>The template's uses of values and text blocks the letter does not declare, located by line and column in the template file.</summary>
    public static IEnumerable<MetadataError> Check(TemplateFile template, LetterDefinition letter)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(letter);
        if (new FileInfo(template.Path).Length > MaxBytes)
        {
            yield return new MetadataError(template.Display, "$", null, null, LocalizedText.Of("letters.template.too-large", ("kib", MaxBytes / 1024)));
            yield break;
        }

        var lines = File.ReadAllLines(template.Path);
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in Use().Matches(lines[i]))
            {
                var name = match.Groups[2].Value;
                var isValue = match.Groups[1].Value == "Value";
                if (isValue ? !letter.Knows(name) : !letter.GermanBlocks.ContainsKey(name))
                {
                    var text = isValue
                        ? LocalizedText.Of("letters.template.undeclared-placeholder", ("name", name), ("letter", letter.Key))
                        : LocalizedText.Of("letters.template.undeclared-block", ("name", name), ("letter", letter.Key));
                    yield return new MetadataError(template.Display, "$", i + 1, match.Groups[2].Index + 1, text);
                }
            }

            foreach (Match match in Raw().Matches(lines[i]))
            {
                yield return new MetadataError(template.Display, "$", i + 1, match.Index + 1, new LocalizedText("letters.template.raw"));
            }
        }
    }
}

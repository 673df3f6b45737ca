namespace Saas.Modules.Letters.Features.Definitions;

/// <summary>A declared placeholder: the value a caller passes, its labels for the studio and the preview, whether it must be given.</summary>
internal sealed record LetterPlaceholder(string Name, string Label, string? LabelEn, bool Required);

/// <summary>A published (or drafted) letter document read from its spec; the schema has checked its shape.</summary>
internal sealed record LetterDefinition(string Key, string Template, string DocumentType, string? FileName, IReadOnlyList<LetterPlaceholder> Placeholders,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Texts)
{
    public const string German = "de";

    public IReadOnlyDictionary<string, string> GermanBlocks => Texts.GetValueOrDefault(German) ?? new Dictionary<string, string>();

    /// <summary>A name a text block or the template may use: declared here or one of the pipeline's standard values.</summary>
    public bool Knows(string placeholder) => StandardValues.Names.Contains(placeholder) || Placeholders.Any(p => p.Name == placeholder);

    /// <summary>The applicant's language if the letter has its text blocks in it, else German.</summary>
    public string LanguageFor(string? requested)
    {
        var language = requested?.Trim().ToLowerInvariant();
        return !string.IsNullOrEmpty(language) && Texts.ContainsKey(language) ? language : German;
    }

    public static LetterDefinition Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var placeholders = (spec["placeholders"]?.AsArray() ?? []).Where(p => p is not null).Select(p => new LetterPlaceholder(
            Str(p!["name"]) ?? "", Str(p["label"]) ?? "", Str(p["labelEn"]), p["required"]?.GetValue<bool>() ?? false)).ToList();
        var texts = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var text in (spec["texts"]?.AsArray() ?? []).Where(t => t is not null))
        {
            var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var block in (text!["blocks"]?.AsArray() ?? []).Where(b => b is not null))
            {
                blocks.TryAdd(Str(block!["name"]) ?? "", Str(block["text"]) ?? "");
            }

            texts.TryAdd(Str(text["language"]) ?? "", blocks);
        }

        return new LetterDefinition(key, Str(spec["template"]) ?? "", Str(spec["documentType"]) ?? "", Str(spec["fileName"]), placeholders, texts);
    }

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>The values the pipeline adds itself, from the e-Akte, the authority's profile and the clock.</summary>
internal static class StandardValues
{
    public const string Authority = "authority";
    public const string Department = "department";
    public const string FileNumber = "fileNumber";
    public const string PersonName = "personName";
    public const string Surname = "surname";
    public const string GivenNames = "givenNames";
    public const string Date = "date";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        Authority, Department, FileNumber, PersonName, Surname, GivenNames, Date,
    };
}

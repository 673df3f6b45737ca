using System.Collections.Frozen;
using System.Reflection;

namespace Saas.Platform.Texts;

/// <summary>What people read, in the reader's language (the request's UI culture).</summary>
public interface ITexts
{
    /// <summary>The text of <paramref name="key"/> in the current UI language.</summary>
    string this[string key] { get; }

    /// <summary>The text of <paramref name="key"/> with its named arguments filled in (and its plural form chosen by <c>count</c>).</summary>
    string Get(string key, params (string Name, object? Value)[] arguments);

    /// <summary>A <see cref="Text"/> written in the current UI language.</summary>
    string Format(LocalizedText text);

    /// <summary>The language of the current request as the catalogue speaks it (with its direction and name).</summary>
    Language Current { get; }

    /// <summary>The languages the catalogue has texts for, German first.</summary>
    IReadOnlyList<Language> Languages { get; }
}

/// <summary>A language the platform speaks: its tag, its own name, its writing direction and where a missing text is taken from.</summary>
public sealed record Language(string Tag, string Name, bool RightToLeft, IReadOnlyList<string> Fallback)
{
    public string Direction => RightToLeft ? "rtl" : "ltr";
}

/// <summary>
/// Every text of the platform, loaded from the JSON files the kernel, the host and each module embed
/// (<c>*.texts.{language}.json</c>, e.g. <c>Features/Inbox/inbox.texts.de.json</c>); docs/adr/0012.
/// A file is one flat object of keys; a value is a string with <c>{name}</c> placeholders, or an object of plural
/// forms by CLDR category (<c>{"one": "1 Dokument", "other": "{count} Dokumente"}</c>). A language names itself,
/// its direction and its fallback chain in the keys <c>language.name</c>, <c>language.direction</c> and
/// <c>language.fallback</c> (comma-separated); German is the last resort of every chain. Adding a language is
/// adding files.
/// </summary>
public sealed class TextCatalog : ITexts
{
    public const string BaseLanguage = "de";
    private const string Marker = ".texts.";

    private readonly FrozenDictionary<string, FrozenDictionary<string, TextValue>> byLanguage;
    private readonly FrozenDictionary<string, Language> languages;

    private TextCatalog(Dictionary<string, Dictionary<string, TextValue>> texts)
    {
        byLanguage = texts.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        languages = texts.Keys.ToFrozenDictionary(tag => tag, Describe, StringComparer.OrdinalIgnoreCase);
        // German first, then German's own forms (Einfache Sprache), English, and the others by tag.
        Languages = languages.Values.OrderBy(l => l.Tag == BaseLanguage ? 0 : l.Tag.StartsWith(BaseLanguage + "-", StringComparison.OrdinalIgnoreCase) ? 1 : l.Tag == "en" ? 2 : 3)
            .ThenBy(l => l.Tag, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Language> Languages { get; }

    private static readonly Lock SharedLock = new();
    private static readonly HashSet<Assembly> SharedAssemblies = [typeof(TextCatalog).Assembly];
    private static TextCatalog? shared;

    /// <summary>
    /// The catalogue of the kernel and every assembly the host registered (<see cref="Include"/>). Texts are data
    /// embedded in the assemblies, the same for every host in the process, so one catalogue serves them all; pages
    /// reach it through <c>L.T(key)</c>, services through <see cref="ITexts"/>.
    /// </summary>
    public static TextCatalog Shared
    {
        get
        {
            lock (SharedLock)
            {
                return shared ??= Load(SharedAssemblies);
            }
        }
    }

    /// <summary>Adds assemblies' texts to <see cref="Shared"/> (the host calls it with its own and its modules' assemblies).</summary>
    public static TextCatalog Include(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        lock (SharedLock)
        {
            var added = false;
            foreach (var assembly in assemblies)
            {
                added |= SharedAssemblies.Add(assembly);
            }

            if (added || shared is null)
            {
                shared = Load(SharedAssemblies);
            }

            return shared;
        }
    }

    public Language Current => Resolve(CultureInfo.CurrentUICulture);

    /// <summary>Every key of a language (for the completeness tests).</summary>
    public IReadOnlyCollection<string> Keys(string language) => byLanguage.TryGetValue(language, out var texts) ? texts.Keys : [];

    /// <summary>
    /// The German keys a language has no text of its own for (its readers get a fallback's, marked): what the platform
    /// operator's translation overview lists (docs/adr/0033). The language's own description keys are not counted.
    /// </summary>
    public IReadOnlyList<string> Missing(string language) =>
        [.. Keys(BaseLanguage).Where(key => !key.StartsWith("language.", StringComparison.Ordinal) && !Has(language, key)).Order(StringComparer.Ordinal)];

    /// <summary>Loads every <c>*.texts.*.json</c> resource of the given assemblies; a duplicate key or a malformed file stops the start.</summary>
    public static TextCatalog Load(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var texts = new Dictionary<string, Dictionary<string, TextValue>>(StringComparer.OrdinalIgnoreCase);
        var origin = new Dictionary<(string, string), string>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal) && n.Contains(Marker, StringComparison.Ordinal)))
            {
                var language = resource[(resource.LastIndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..^".json".Length];
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var json = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 4 });
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidOperationException($"Text file {resource} must be one JSON object of keys.");
                }

                var into = texts.TryGetValue(language, out var existing) ? existing : texts[language] = new Dictionary<string, TextValue>(StringComparer.Ordinal);
                foreach (var entry in json.RootElement.EnumerateObject())
                {
                    if (!origin.TryAdd((language, entry.Name), resource))
                    {
                        throw new InvalidOperationException($"Text key '{entry.Name}' ({language}) is defined twice: in {origin[(language, entry.Name)]} and {resource}.");
                    }

                    into[entry.Name] = TextValue.From(entry.Value, resource, entry.Name);
                }
            }
        }

        return new TextCatalog(texts);
    }

    public string this[string key] => Get(key);

    public string Get(string key, params (string Name, object? Value)[] arguments) =>
        Write(key, arguments.Select(a => new KeyValuePair<string, object?>(a.Name, a.Value)).ToList(), CultureInfo.CurrentUICulture);

    public string Format(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(text.Key, text.Arguments, CultureInfo.CurrentUICulture);
    }

    /// <summary>The text in a given culture (mail, letters, jobs: where there is no request).</summary>
    public string Format(LocalizedText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(text.Key, text.Arguments, culture);
    }

    /// <summary>Whether the language itself (not a fallback) has the key.</summary>
    public bool Has(string language, string key) => byLanguage.TryGetValue(language, out var texts) && texts.ContainsKey(key);

    /// <summary>The languages a text is looked for in, in order: the culture, its parents, its fallback chain, German.</summary>
    public IReadOnlyList<string> Chain(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var chain = new List<string>();
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            Add(c.Name);
        }

        foreach (var tag in chain.ToList())
        {
            if (languages.TryGetValue(tag, out var language))
            {
                foreach (var fallback in language.Fallback)
                {
                    Add(fallback);
                }
            }
        }

        Add(BaseLanguage);
        return chain;

        void Add(string tag)
        {
            if (byLanguage.ContainsKey(tag) && !chain.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                chain.Add(tag);
            }
        }
    }

    /// <summary>The catalogue's language for a culture (its own, a parent's, or German).</summary>
    public Language Resolve(CultureInfo culture) => languages[Chain(culture)[0]];

    /// <summary>
    /// The text of <paramref name="key"/> in the current UI language with the language it was found in — the reader's
    /// own, or a fallback's (a page marks such a text with its <c>lang</c>, so nobody is left guessing, docs/adr/0033).
    /// </summary>
    public (string Text, string Language) GetWithLanguage(string key, params (string Name, object? Value)[] arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        var found = Chain(culture).FirstOrDefault(tag => byLanguage[tag].ContainsKey(key)) ?? BaseLanguage;
        return (Write(key, arguments.Select(a => new KeyValuePair<string, object?>(a.Name, a.Value)).ToList(), culture), found);
    }

    private string Write(string key, IReadOnlyList<KeyValuePair<string, object?>> arguments, CultureInfo culture)
    {
        if (arguments.Any(a => a.Value is LocalizedText))
        {
            // A text inside a text (a status name inside a sentence) is written in the same language.
            arguments = arguments.Select(a => a.Value is LocalizedText nested ? new KeyValuePair<string, object?>(a.Key, Write(nested.Key, nested.Arguments, culture)) : a).ToList();
        }

        foreach (var tag in Chain(culture))
        {
            if (byLanguage[tag].TryGetValue(key, out var value))
            {
                var formatCulture = culture.Name.StartsWith(tag, StringComparison.OrdinalIgnoreCase) ? culture : CultureInfo.GetCultureInfo(tag);
                return value.Write(tag, arguments, formatCulture);
            }
        }

        // A key no language has is a programming error the completeness tests catch; people see the key, not a crash.
        return key;
    }

    private Language Describe(string tag)
    {
        var texts = byLanguage[tag];
        string? Meta(string key) => texts.TryGetValue(key, out var v) ? v.Plain : null;
        var fallback = (Meta("language.fallback") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new Language(tag, Meta("language.name") ?? tag, string.Equals(Meta("language.direction"), "rtl", StringComparison.Ordinal), fallback);
    }

    /// <summary>One text: a template, or templates by plural category.</summary>
    private sealed class TextValue
    {
        private TextValue(string? plain, FrozenDictionary<string, string>? plurals)
        {
            Plain = plain;
            Plurals = plurals;
        }

        public string? Plain { get; }

        public FrozenDictionary<string, string>? Plurals { get; }

        public static TextValue From(JsonElement element, string resource, string key)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return new TextValue(element.GetString()!, null);
                case JsonValueKind.Object:
                    var forms = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
                    if (!forms.ContainsKey("other"))
                    {
                        throw new InvalidOperationException($"Text '{key}' in {resource} has plural forms without 'other'.");
                    }

                    return new TextValue(null, forms.ToFrozenDictionary(StringComparer.Ordinal));
                default:
                    throw new InvalidOperationException($"Text '{key}' in {resource} must be a string or an object of plural forms.");
            }
        }

        public string Write(string language, IReadOnlyList<KeyValuePair<string, object?>> arguments, CultureInfo culture)
        {
            var template = Plain;
            if (Plurals is not null)
            {
                var count = arguments.FirstOrDefault(a => a.Key == "count").Value;
                var n = count is null ? 0 : Convert.ToInt64(count, CultureInfo.InvariantCulture);
                template = Plurals.GetValueOrDefault(PluralRules.Category(language, n)) ?? Plurals["other"];
            }

            return Fill(template!, arguments, culture);
        }

        private static string Fill(string template, IReadOnlyList<KeyValuePair<string, object?>> arguments, CultureInfo culture)
        {
            if (arguments.Count == 0 || !template.Contains('{', StringComparison.Ordinal))
            {
                return template;
            }

            var result = new StringBuilder(template.Length + 32);
            for (var i = 0; i < template.Length; i++)
            {
                var close = template[i] == '{' ? template.IndexOf('}', i + 1) : -1;
                if (close > i)
                {
                    var name = template[(i + 1)..close];
                    var found = arguments.FirstOrDefault(a => a.Key == name);
                    if (found.Key is not null)
                    {
                        result.Append(Convert.ToString(found.Value, culture));
                        i = close;
                        continue;
                    }
                }

                result.Append(template[i]);
            }

            return result.ToString();
        }
    }
}

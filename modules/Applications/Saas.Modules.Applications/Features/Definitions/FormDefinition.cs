namespace Saas.Modules.Applications.Features.Definitions;

/// <summary>What a field asks for (docs/adr/0032); its value's type in expressions follows from it.</summary>
internal enum FormFieldType
{
    Text,
    Multiline,
    Number,
    Decimal,
    Date,
    Boolean,
    Select,
    File,
    Label,
}

/// <summary>Texts per language (<c>de</c> required, the others optional); a missing one is a finding, never filled in.</summary>
internal sealed record FormTexts(IReadOnlyDictionary<string, string> ByLanguage)
{
    public static FormTexts Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public string? this[string language] => ByLanguage.GetValueOrDefault(language);

    public bool IsEmpty => ByLanguage.Count == 0;
}

/// <summary>Where an element came from in FIM: its id and version (<c>F60000227</c> 1.1), kept so submitted data can carry them.</summary>
internal sealed record FimReference(string Id, string? Version);

internal sealed record FormStep(string Key, FormTexts Title, string Path);

/// <summary>
/// A group of fields; with <see cref="Max"/> above 1 it repeats (a list of entries, <see cref="Min"/> to <see cref="Max"/>).
/// <see cref="FullPath"/> is the keys from the outermost group down, joined by dots (<c>antragsteller.anschrift</c>).
/// </summary>
internal sealed record FormGroup(string Key, string? Parent, string? Step, FormTexts Label, FormTexts Help, int Min, int Max,
    FimReference? Fim, IReadOnlyList<string> Notes, string Path)
{
    public bool Repeats => Max > 1;

    public string FullPath { get; set; } = Key;
}

internal sealed record FormCode(string Code, FormTexts Label);

internal sealed record FormCodeList(string Key, string? Name, string? CanonicalUri, string? Version, IReadOnlyList<FormCode> Codes, string Path)
{
    public bool Contains(string code) => Codes.Any(c => string.Equals(c.Code, code, StringComparison.Ordinal));
}

/// <summary>One field of a form with its validation, conditions and provenance (docs/adr/0032).</summary>
internal sealed record FormField(string Key, string? Group, FormFieldType Type, FormTexts Label, FormTexts Help, bool Required,
    int MaxItems, string? RequiredWhen, string? VisibleWhen, string? Computed, int? MinLength, int? MaxLength, string? Pattern,
    decimal? Minimum, decimal? Maximum, int? Scale, DateOnly? MinDate, DateOnly? MaxDate, string? CodeList, IReadOnlyList<string> Accept,
    long? MaxBytes, string? Evidence, FimReference? Fim, IReadOnlyList<string> Notes, string Path)
{
    /// <summary>Dotted from the outermost group (<c>antragsteller.familienname</c>); the variable's name in expressions.</summary>
    public string FullPath { get; set; } = Key;

    public bool Multiple => MaxItems > 1;

    public bool TakesInput => Type != FormFieldType.Label && Computed is null;

    /// <summary>The value's type in the kernel's expression language; null for a label, which has no value.</summary>
    public ExpressionType? ValueType => Type switch
    {
        FormFieldType.Text or FormFieldType.Multiline or FormFieldType.Select => Multiple ? ExpressionType.ListOf(ExpressionType.String) : ExpressionType.String,
        FormFieldType.Number or FormFieldType.Decimal => Multiple ? ExpressionType.ListOf(ExpressionType.Number) : ExpressionType.Number,
        FormFieldType.Date => Multiple ? ExpressionType.ListOf(ExpressionType.Date) : ExpressionType.Date,
        // A file field's value in an expression is whether the evidence was given.
        FormFieldType.Boolean or FormFieldType.File => ExpressionType.Bool,
        _ => null,
    };
}

/// <summary>
/// A <c>form</c> document read into values (docs/adr/0032). Groups and fields are flat lists that name their parent
/// group, so the studio's generated editor can show them without recursion; <see cref="Read"/> derives the full paths.
/// </summary>
internal sealed record FormDefinition(string Key, FormTexts Title, IReadOnlyList<string> Languages, FimReference? Fim, string? FimStandard,
    IReadOnlyList<string> Notes, IReadOnlyList<FormStep> Steps, IReadOnlyList<FormGroup> Groups, IReadOnlyList<FormField> Fields,
    IReadOnlyList<FormCodeList> CodeLists)
{
    /// <summary>How a submission enters the e-Akte (docs/adr/0042); null when the form does not say.</summary>
    public FormIntake? Intake { get; init; }

    /// <summary>How many entries a repeating group or field may have at most, whatever the definition says (FIM's <c>n</c>).</summary>
    public const int MaxRepeat = 99;

    public FormGroup? GroupOf(string? key) => key is null ? null : Groups.FirstOrDefault(g => g.Key == key);

    public FormCodeList? CodeListOf(string? key) => key is null ? null : CodeLists.FirstOrDefault(c => c.Key == key);

    /// <summary>The groups from the outermost down to <paramref name="group"/>; empty when the parents loop or are unknown.</summary>
    public IReadOnlyList<FormGroup> Chain(FormGroup group)
    {
        var chain = new List<FormGroup>();
        for (var current = group; current is not null; current = GroupOf(current.Parent))
        {
            if (chain.Contains(current) || chain.Count > Groups.Count)
            {
                return [];
            }

            chain.Insert(0, current);
        }

        return chain;
    }

    /// <summary>The repeating group nearest to the field (an entry of it is where the field's value lives), or null.</summary>
    public FormGroup? RepeatingGroupOf(FormField field)
    {
        var group = GroupOf(field.Group);
        return group is null ? null : Chain(group).LastOrDefault(g => g.Repeats);
    }

    public static FormDefinition Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var steps = Items(spec["steps"]).Select((s, i) => new FormStep(Text(s["key"]) ?? "", Texts(s["title"]), $"$.steps[{i}]")).ToList();
        var groups = Items(spec["groups"]).Select((g, i) => new FormGroup(Text(g["key"]) ?? "", Text(g["parent"]), Text(g["step"]), Texts(g["label"]),
            Texts(g["help"]), Int(g["min"]) ?? 1, Int(g["max"]) ?? 1, FimOf(g["fim"]), Strings(g["notes"]), $"$.groups[{i}]")).ToList();
        var fields = Items(spec["fields"]).Select((f, i) => new FormField(Text(f["key"]) ?? "", Text(f["group"]), TypeOf(Text(f["type"])),
            Texts(f["label"]), Texts(f["help"]), Bool(f["required"]), Int(f["maxItems"]) ?? 1, Text(f["requiredWhen"]), Text(f["visibleWhen"]),
            Text(f["computed"]), Int(f["minLength"]), Int(f["maxLength"]), Text(f["pattern"]), Decimal(f["minimum"]), Decimal(f["maximum"]),
            Int(f["scale"]), Date(f["minDate"]), Date(f["maxDate"]), Text(f["codeList"]), Strings(f["accept"]), Long(f["maxBytes"]),
            Text(f["evidence"]), FimOf(f["fim"]), Strings(f["notes"]), $"$.fields[{i}]")).ToList();
        var lists = Items(spec["codeLists"]).Select((c, i) => new FormCodeList(Text(c["key"]) ?? "", Text(c["name"]), Text(c["canonicalUri"]),
            Text(c["version"]), Items(c["codes"]).Select(code => new FormCode(Text(code["code"]) ?? "", Texts(code["label"]))).ToList(),
            $"$.codeLists[{i}]")).ToList();
        var languages = Strings(spec["languages"]);
        var definition = new FormDefinition(key, Texts(spec["title"]), languages.Count == 0 ? ["de"] : languages, FimOf(spec["fim"]),
            Text(spec["fim"]?["standard"]), Strings(spec["notes"]), steps, groups, fields, lists) { Intake = FormIntake.Read(spec["intake"]) };
        foreach (var group in groups)
        {
            var chain = definition.Chain(group);
            group.FullPath = chain.Count == 0 ? group.Key : string.Join('.', chain.Select(g => g.Key));
        }

        foreach (var field in fields)
        {
            var group = definition.GroupOf(field.Group);
            field.FullPath = group is null ? field.Key : group.FullPath + "." + field.Key;
        }

        return definition;
    }

    internal static FormFieldType TypeOf(string? type) => type switch
    {
        "multiline" => FormFieldType.Multiline,
        "number" => FormFieldType.Number,
        "decimal" => FormFieldType.Decimal,
        "date" => FormFieldType.Date,
        "boolean" => FormFieldType.Boolean,
        "select" => FormFieldType.Select,
        "file" => FormFieldType.File,
        "label" => FormFieldType.Label,
        _ => FormFieldType.Text,
    };

    internal static string NameOf(FormFieldType type) => type.ToString().ToLowerInvariant();

    private static IEnumerable<JsonNode> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonNode>() : [];

    internal static FormTexts Texts(JsonNode? node) => node is JsonObject map
        ? new FormTexts(map.Where(p => Text(p.Value) is not null).ToDictionary(p => p.Key, p => Text(p.Value)!, StringComparer.Ordinal))
        : FormTexts.Empty;

    private static FimReference? FimOf(JsonNode? node) => node is JsonObject fim && Text(fim["id"]) is { } id ? new FimReference(id, Text(fim["version"])) : null;

    private static List<string> Strings(JsonNode? node) => Items(node).Select(Text).OfType<string>().ToList();

    internal static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static int? Int(JsonNode? node) => Decimal(node) is { } d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    private static long? Long(JsonNode? node) => Decimal(node) is { } d && d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;

    // The platform's YAML reader may give numbers as decimal, double, long or int.
    internal static decimal? Decimal(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<decimal>(out var m) ? m
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var n) ? n
        : value.TryGetValue<double>(out var d) && !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 1e27 ? (decimal)d
        : null
        : null;

    internal static DateOnly? Date(JsonNode? node) =>
        Text(node) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

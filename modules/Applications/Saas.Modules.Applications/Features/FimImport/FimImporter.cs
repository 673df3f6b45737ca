using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications.Features.FimImport;

/// <summary>
/// The outcome of one import: the <c>form</c> document as YAML (for the admin to review as a draft) and its spec, or
/// the located errors that kept the file from being mapped; the code lists the schema names whose genericode file was
/// not beside it (imported without codes, which the form's rules then report).
/// </summary>
internal sealed record FimImportResult(string Key, string? Yaml, JsonObject? Spec, IReadOnlyList<FimImportError> Errors, IReadOnlyList<string> MissingCodeLists)
{
    public bool Succeeded => Yaml is not null;
}

/// <summary>
/// FIM XDatenfelder 2 and 3.0.0 (Stammdatenschema and Datenfeldgruppe messages) into a <c>form</c> definition
/// (docs/adr/0032 has the mapping table): groups and fields with their cardinalities from <c>anzahl</c>, field kinds
/// and data types, <c>praezisierung</c> as validation (xdf2: a JSON string, xdf3: attributes), genericode code lists
/// from the files beside the schema, rules as readable notes, FIM ids and versions as provenance. The file is untrusted
/// (<see cref="FimXml"/>); every problem is an error located by line and column, never an exception to the caller.
/// </summary>
internal static class FimImporter
{
    public const string Xdf2 = "urn:xoev-de:fim:standard:xdatenfelder_2";

    public const string Xdf3 = "urn:xoev-de:fim:standard:xdatenfelder_3.0.0";

    public static FimImportResult Import(string path, string? key = null, FimImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= FimImportLimits.Default;
        var clock = Stopwatch.StartNew();
        var file = Path.GetFileName(path);
        key ??= KeyOf(Path.GetFileNameWithoutExtension(path));
        try
        {
            var document = FimXml.Load(path, limits, clock);
            var mapper = new FimMapper(file, Path.GetDirectoryName(Path.GetFullPath(path))!, path, limits, clock);
            var spec = mapper.Map(document);
            if (mapper.Errors.Count > 0 || spec is null)
            {
                return new FimImportResult(key, null, null, mapper.Errors, mapper.MissingCodeLists);
            }

            return new FimImportResult(key, FormYaml.Write(FormKind.Name, key, spec, $"Importiert aus {file} (FIM {mapper.Standard})."), spec, [], mapper.MissingCodeLists);
        }
        catch (FimImportStop stop)
        {
            return new FimImportResult(key, null, null, [stop.Error], []);
        }
        catch (IOException e)
        {
            return new FimImportResult(key, null, null, [new FimImportError(file, 0, 0, LocalizedText.Of("applications.fim.unreadable", ("reason", e.Message)))], []);
        }
        catch (UnauthorizedAccessException e)
        {
            return new FimImportResult(key, null, null, [new FimImportError(file, 0, 0, LocalizedText.Of("applications.fim.unreadable", ("reason", e.Message)))], []);
        }
    }

    /// <summary>A document key from a file name: lower-case letters, digits and dashes (<c>S00000094V1.0_xdf2</c> → <c>fim-s00000094v1-0-xdf2</c>).</summary>
    internal static string KeyOf(string name)
    {
        var key = Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Trim('-');
        key = "fim-" + key;
        return key.Length > 60 ? key[..60].TrimEnd('-') : key;
    }
}

/// <summary>One import's walk over the FIM tree; collects located errors and keeps walking where it can.</summary>
internal sealed class FimMapper(string file, string directory, string schemaPath, FimImportLimits limits, Stopwatch clock)
{
    private static readonly XNamespace Genericode = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";

    // The children each element may have, by standard (XDatenfelder 2.0 and 3.0.0); anything else in the FIM namespace is refused.
    private static readonly string[] Common2 = ["identifikation", "name", "bezeichnungEingabe", "bezeichnungAusgabe", "beschreibung", "definition", "bezug",
        "status", "fachlicherErsteller", "versionshinweis", "freigabedatum", "veroeffentlichungsdatum", "gueltigAb", "gueltigBis", "regel"];

    private static readonly string[] Common3 = ["identifikation", "name", "beschreibung", "definition", "bezug", "freigabestatus", "statusGesetztAm",
        "statusGesetztDurch", "versionshinweis", "gueltigAb", "gueltigBis", "veroeffentlichungsdatum", "letzteAenderung", "relation", "stichwort",
        "bezeichnungEingabe", "bezeichnungAusgabe", "schemaelementart", "hilfetextEingabe", "hilfetextAusgabe", "regel"];

    private static readonly Dictionary<string, string[]> Known2 = new(StringComparer.Ordinal)
    {
        ["stammdatenschema"] = [.. Common2, "hilfetext", "ableitungsmodifikationenStruktur", "ableitungsmodifikationenRepraesentation", "struktur"],
        ["datenfeldgruppe"] = [.. Common2, "schemaelementart", "hilfetextEingabe", "hilfetextAusgabe", "struktur"],
        ["datenfeld"] = [.. Common2, "schemaelementart", "hilfetextEingabe", "hilfetextAusgabe", "feldart", "datentyp", "praezisierung", "inhalt", "codelisteReferenz"],
        ["regel"] = ["identifikation", "name", "bezeichnungEingabe", "bezeichnungAusgabe", "beschreibung", "definition", "bezug", "status", "fachlicherErsteller",
            "versionshinweis", "freigabedatum", "veroeffentlichungsdatum", "gueltigAb", "gueltigBis", "script"],
        ["struktur"] = ["anzahl", "bezug", "enthaelt"],
        ["identifikation"] = ["id", "version"],
    };

    private static readonly Dictionary<string, string[]> Known3 = new(StringComparer.Ordinal)
    {
        ["stammdatenschema"] = [.. Common3, "bezeichnung", "hilfetext", "ableitungsmodifikationenStruktur", "ableitungsmodifikationenRepraesentation",
            "dokumentsteckbrief", "struktur"],
        ["datenfeldgruppe"] = [.. Common3, "art", "struktur"],
        ["datenfeld"] = [.. Common3, "feldart", "datentyp", "praezisierung", "inhalt", "vorbefuellung", "codelisteReferenz", "codeKey", "nameKey",
            "helpKey", "werte", "maxSize", "mediaType"],
        ["regel"] = ["identifikation", "name", "beschreibung", "freitextRegel", "bezug", "stichwort", "fachlicherErsteller", "letzteAenderung", "typ", "param",
            "ziel", "skript", "fehler"],
        ["struktur"] = ["anzahl", "bezug", "enthaelt"],
        ["identifikation"] = ["id", "version"],
    };

    // Elements that may repeat; xdf3's published parser also takes a second `inhalt` (its input.xml fixture has one), the last one winning.
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { "regel", "stichwort", "relation", "struktur", "mediaType" };

    private readonly List<FimImportError> errors = [];
    private readonly JsonArray groups = [];
    private readonly JsonArray fields = [];
    private readonly JsonArray codeLists = [];
    private readonly HashSet<string> groupKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> listKeys = new(StringComparer.Ordinal);
    private readonly List<string> missing = [];
    private Dictionary<string, XDocument>? genericode;
    private XNamespace ns = XNamespace.None;
    private bool three;

    public IReadOnlyList<FimImportError> Errors => errors;

    public IReadOnlyList<string> MissingCodeLists => missing;

    public string Standard => three ? "xdf3" : "xdf2";

    public JsonObject? Map(XDocument document)
    {
        var root = document.Root!;
        ns = root.Name.Namespace;
        if (ns != FimImporter.Xdf2 && ns != FimImporter.Xdf3)
        {
            Error(root, "applications.fim.unknown-namespace", ("namespace", ns.NamespaceName), ("known", $"{FimImporter.Xdf2}, {FimImporter.Xdf3}"));
            return null;
        }

        three = ns == FimImporter.Xdf3;
        var spec = new JsonObject();
        var notes = new JsonArray();
        if (root.Element(ns + "stammdatenschema") is { } schema)
        {
            Check(schema, "stammdatenschema");
            var (id, version) = Identification(schema);
            spec["title"] = Texts(Label(schema) ?? id);
            spec["languages"] = new JsonArray("de");
            spec["fim"] = new JsonObject { ["standard"] = Standard, ["id"] = id, ["version"] = version };
            Rules(schema, notes);
            foreach (var structure in schema.Elements(ns + "struktur"))
            {
                Structure(structure, null);
            }
        }
        else if (root.Element(ns + "datenfeldgruppe") is { } group)
        {
            // A Datenfeldgruppe message: the group is the form, and its only top group.
            Group(group, null, 1, 1);
            var top = groups.OfType<JsonObject>().FirstOrDefault();
            spec["title"] = top?["label"]?.DeepClone() ?? Texts("?");
            spec["languages"] = new JsonArray("de");
            spec["fim"] = new JsonObject { ["standard"] = Standard, ["id"] = top?["fim"]?["id"]?.DeepClone(), ["version"] = top?["fim"]?["version"]?.DeepClone() };
        }
        else
        {
            Error(root, "applications.fim.unsupported-message", ("element", root.Name.LocalName));
            return null;
        }

        foreach (var child in root.Elements().Where(e => e.Name.Namespace == ns && e.Name.LocalName is not ("header" or "stammdatenschema" or "datenfeldgruppe")))
        {
            Error(child, "applications.fim.unexpected-element", ("element", child.Name.LocalName), ("parent", root.Name.LocalName));
        }

        if (notes.Count > 0)
        {
            spec["notes"] = notes;
        }

        spec["groups"] = groups;
        spec["fields"] = fields;
        if (codeLists.Count > 0)
        {
            spec["codeLists"] = codeLists;
        }

        return errors.Count == 0 ? spec : null;
    }

    private void Structure(XElement structure, string? parent)
    {
        Check(structure, "struktur");
        FimXml.CheckTime(file, limits, clock);
        var (min, max) = Cardinality(structure.Element(ns + "anzahl"), structure);
        var contains = structure.Element(ns + "enthaelt");
        var element = contains?.Elements().FirstOrDefault();
        if (element is null)
        {
            Error(structure, "applications.fim.structure-empty");
            return;
        }

        foreach (var extra in contains!.Elements().Skip(1))
        {
            Error(extra, "applications.fim.unexpected-element", ("element", extra.Name.LocalName), ("parent", "enthaelt"));
        }

        switch (element.Name.LocalName)
        {
            case "datenfeldgruppe" when element.Name.Namespace == ns:
                Group(element, parent, min, max);
                break;
            case "datenfeld" when element.Name.Namespace == ns:
                Field(element, parent, min, max);
                break;
            default:
                Error(element, "applications.fim.unexpected-element", ("element", element.Name.LocalName), ("parent", "enthaelt"));
                break;
        }
    }

    private void Group(XElement element, string? parent, int min, int max)
    {
        Check(element, "datenfeldgruppe");
        var (id, version) = Identification(element);
        var key = Unique(Identifier(id), groupKeys);
        var group = new JsonObject { ["key"] = key };
        if (parent is not null)
        {
            group["parent"] = parent;
        }

        group["label"] = Texts(Label(element) ?? id);
        if (Text(element, "hilfetextEingabe") is { } help)
        {
            group["help"] = Texts(help);
        }

        if (min != 1)
        {
            group["min"] = min;
        }

        if (max != 1)
        {
            group["max"] = max;
        }

        group["fim"] = Fim(id, version);
        var notes = new JsonArray();
        Rules(element, notes);
        if (notes.Count > 0)
        {
            group["notes"] = notes;
        }

        groups.Add(group);
        foreach (var structure in element.Elements(ns + "struktur"))
        {
            Structure(structure, key);
        }
    }

    private void Field(XElement element, string? group, int min, int max)
    {
        Check(element, "datenfeld");
        var (id, version) = Identification(element);
        var taken = fields.OfType<JsonObject>().Where(f => FormDefinition.Text(f["group"]) == group).Select(f => FormDefinition.Text(f["key"])!).ToHashSet(StringComparer.Ordinal);
        var field = new JsonObject { ["key"] = Unique(Identifier(id), taken) };
        if (group is not null)
        {
            field["group"] = group;
        }

        var kind = Code(element, "feldart") ?? "input";
        var dataType = Code(element, "datentyp") ?? "text";
        var notes = new JsonArray();
        var type = TypeOf(element, kind, dataType, notes);
        field["type"] = FormDefinition.NameOf(type);
        field["label"] = Texts(Label(element) ?? id);
        var help = type == FormFieldType.Label ? Text(element, "inhalt") ?? Text(element, "hilfetextEingabe") : Text(element, "hilfetextEingabe");
        if (help is not null)
        {
            field["help"] = Texts(help);
        }

        if (type != FormFieldType.Label && min > 0)
        {
            field["required"] = true;
        }

        if (type != FormFieldType.Label && max > 1)
        {
            if (type is FormFieldType.Boolean or FormFieldType.File)
            {
                notes.Add($"anzahl {min}:{max}");
            }
            else
            {
                field["maxItems"] = max;
            }
        }

        if (type is not (FormFieldType.Select or FormFieldType.Label))
        {
            Precision(element, field, type, notes);
        }

        if (type == FormFieldType.Select)
        {
            field["codeList"] = CodeList(element, id);
        }

        if (type == FormFieldType.File && three)
        {
            var media = element.Elements(ns + "mediaType").Select(e => e.Value.Trim().ToLowerInvariant())
                .Where(m => Regex.IsMatch(m, "^[a-z]+/[a-z0-9.+-]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToList();
            if (media.Count > 0)
            {
                field["accept"] = new JsonArray([.. media.Select(m => (JsonNode)m)]);
            }

            // xdf3's maxSize is in kilobytes.
            if (long.TryParse(Text(element, "maxSize"), NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes) && kilobytes > 0)
            {
                field["maxBytes"] = Math.Min(kilobytes * 1024, 104_857_600);
            }
        }

        field["fim"] = Fim(id, version);
        Rules(element, notes);
        if (notes.Count > 0)
        {
            field["notes"] = notes;
        }

        fields.Add(field);
    }

    private FormFieldType TypeOf(XElement element, string kind, string dataType, JsonArray notes)
    {
        switch (kind)
        {
            case "label":
                return FormFieldType.Label;
            case "select":
                return FormFieldType.Select;
            case "hidden" or "locked":
                notes.Add($"feldart {kind}" + (Text(element, "inhalt") is { } content ? $": {content}" : ""));
                break;
            case "input":
                break;
            default:
                Error(element.Element(ns + "feldart") ?? element, "applications.fim.unknown-code", ("code", kind), ("list", "feldart"));
                break;
        }

        switch (dataType)
        {
            case "text" or "text_latin":
                return MaxLength(element) > 200 ? FormFieldType.Multiline : FormFieldType.Text;
            case "date":
                return FormFieldType.Date;
            case "bool":
                return FormFieldType.Boolean;
            case "num":
                return FormFieldType.Decimal;
            case "num_int":
                return FormFieldType.Number;
            case "num_currency":
                return FormFieldType.Decimal;
            case "file" or "obj":
                return FormFieldType.File;
            case "time" or "datetime":
                notes.Add($"datentyp {dataType}");
                return FormFieldType.Text;
            default:
                Error(element.Element(ns + "datentyp") ?? element, "applications.fim.unknown-code", ("code", dataType), ("list", "datentyp"));
                return FormFieldType.Text;
        }
    }

    private int? MaxLength(XElement element) =>
        Constraints(element, report: false).TryGetValue("maxLength", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>praezisierung: xdf2 writes a JSON object of strings, xdf3 attributes; both give minLength, maxLength, minValue, maxValue, pattern.</summary>
    private Dictionary<string, string> Constraints(XElement element, bool report)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var precision = element.Element(ns + "praezisierung");
        if (precision is null)
        {
            return result;
        }

        if (three)
        {
            foreach (var attribute in precision.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                result[attribute.Name.LocalName] = attribute.Value;
            }

            return result;
        }

        var json = precision.Value.Trim();
        if (json.Length == 0)
        {
            return result;
        }

        try
        {
            using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            foreach (var property in parsed.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            if (report)
            {
                Error(precision, "applications.fim.precision-not-json", ("value", json.Length > 80 ? json[..80] : json));
            }
        }

        return result;
    }

    private void Precision(XElement element, JsonObject field, FormFieldType type, JsonArray notes)
    {
        var constraints = Constraints(element, report: true);
        foreach (var (name, value) in constraints)
        {
            switch (name)
            {
                case "minLength" or "maxLength" when type is FormFieldType.Text or FormFieldType.Multiline:
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= 100_000 && (name == "minLength" || length >= 1))
                    {
                        field[name] = length;
                    }
                    else
                    {
                        notes.Add($"praezisierung {name}={value}");
                    }

                    break;
                case "pattern" when type is FormFieldType.Text or FormFieldType.Multiline:
                    if (value.Length is > 0 and <= 1000 && PatternCompiles(value))
                    {
                        field["pattern"] = value;
                    }
                    else
                    {
                        notes.Add($"praezisierung pattern={value}");
                    }

                    break;
                case "minValue" or "maxValue" when type is FormFieldType.Number or FormFieldType.Decimal:
                    if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        field[name == "minValue" ? "minimum" : "maximum"] = number;
                    }
                    else
                    {
                        notes.Add($"praezisierung {name}={value}");
                    }

                    break;
                case "minValue" or "maxValue" when type is FormFieldType.Date:
                    if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        field[name == "minValue" ? "minDate" : "maxDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        notes.Add($"praezisierung {name}={value}");
                    }

                    break;
                default:
                    notes.Add($"praezisierung {name}={value}");
                    break;
            }
        }

        if (FormDefinition.Decimal(field["minLength"]) > FormDefinition.Decimal(field["maxLength"]))
        {
            notes.Add($"praezisierung minLength={field["minLength"]} maxLength={field["maxLength"]}");
            field.Remove("minLength");
        }

        if (FormDefinition.Decimal(field["minimum"]) > FormDefinition.Decimal(field["maximum"]))
        {
            notes.Add($"praezisierung minValue={field["minimum"]} maxValue={field["maximum"]}");
            field.Remove("minimum");
        }
    }

    private static bool PatternCompiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The code list a select names, read from the genericode file beside the schema with the same canonical version URI.</summary>
    private string CodeList(XElement element, string fieldId)
    {
        var reference = element.Element(ns + "codelisteReferenz");
        var id = reference?.Element(ns + "identifikation")?.Element(ns + "id")?.Value.Trim();
        var canonical = reference?.Descendants(ns + "canonicalIdentification").FirstOrDefault()?.Value.Trim();
        var version = reference?.Descendants(ns + "version").FirstOrDefault()?.Value.Trim();
        var versionUri = reference?.Descendants(ns + "canonicalVersionUri").FirstOrDefault()?.Value.Trim();
        if (string.IsNullOrEmpty(versionUri) && !string.IsNullOrEmpty(canonical) && !string.IsNullOrEmpty(version))
        {
            versionUri = canonical + "_" + version;
        }

        var identity = versionUri ?? id ?? "codes-" + fieldId;
        if (listKeys.TryGetValue(identity, out var known))
        {
            return known;
        }

        var key = Unique(Identifier(string.IsNullOrEmpty(id) ? "codes_" + fieldId : id), listKeys.Values.ToHashSet(StringComparer.Ordinal));
        listKeys[identity] = key;
        var list = new JsonObject { ["key"] = key };
        var codes = new JsonArray();
        var source = versionUri is null ? null : GenericodeFiles().GetValueOrDefault(versionUri);
        if (source is not null)
        {
            var identification = source.Root!.Element(Genericode + "Identification");
            list["name"] = Clip(identification?.Element(Genericode + "ShortName")?.Value.Trim(), 500);
            ReadCodes(source, element, codes);
        }
        else
        {
            missing.Add(id is { Length: > 0 } ? $"{id} ({versionUri ?? "?"})" : versionUri ?? key);
        }

        if (!string.IsNullOrEmpty(canonical))
        {
            list["canonicalUri"] = Clip(canonical, 500);
        }

        if (!string.IsNullOrEmpty(version))
        {
            list["version"] = Clip(version, 64);
        }

        list["codes"] = codes;
        codeLists.Add(list);
        return key;
    }

    private void ReadCodes(XDocument source, XElement field, JsonArray codes)
    {
        var columns = source.Root!.Element(Genericode + "ColumnSet");
        var ids = columns?.Elements(Genericode + "Column").Select(c => (string?)c.Attribute("Id")).OfType<string>().ToList() ?? [];
        var keys = columns?.Elements(Genericode + "Key").ToList() ?? [];
        var codeColumn = Text(field, "codeKey") ?? (string?)keys.FirstOrDefault()?.Element(Genericode + "ColumnRef")?.Attribute("Ref") ?? ids.FirstOrDefault();
        var nameColumn = Text(field, "nameKey")
            ?? ids.FirstOrDefault(i => i == "name")
            ?? (string?)keys.FirstOrDefault(k => ((string?)k.Attribute("Id"))?.Contains("name", StringComparison.OrdinalIgnoreCase) == true)?.Element(Genericode + "ColumnRef")?.Attribute("Ref")
            ?? ids.Skip(1).FirstOrDefault() ?? codeColumn;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in source.Root.Element(Genericode + "SimpleCodeList")?.Elements(Genericode + "Row") ?? [])
        {
            string? Value(string? column) => row.Elements(Genericode + "Value").FirstOrDefault(v => (string?)v.Attribute("ColumnRef") == column)
                ?.Element(Genericode + "SimpleValue")?.Value.Trim();
            var code = Value(codeColumn);
            if (string.IsNullOrEmpty(code) || code.Length > 200 || !seen.Add(code) || codes.Count >= 5000)
            {
                continue;
            }

            codes.Add(new JsonObject { ["code"] = code, ["label"] = Texts(Clip(Value(nameColumn), 4000) is { Length: > 0 } name ? name : code) });
        }
    }

    /// <summary>The genericode files in the schema's folder, by canonical version URI (read once, on the first select).</summary>
    private Dictionary<string, XDocument> GenericodeFiles()
    {
        if (genericode is not null)
        {
            return genericode;
        }

        genericode = new Dictionary<string, XDocument>(StringComparer.Ordinal);
        var candidates = Directory.EnumerateFiles(directory, "*.xml").Where(p => !string.Equals(Path.GetFullPath(p), Path.GetFullPath(schemaPath), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Take(limits.MaxCodeListFiles);
        foreach (var candidate in candidates)
        {
            try
            {
                var document = FimXml.Load(candidate, limits, clock);
                if (document.Root?.Name == Genericode + "CodeList"
                    && document.Root.Element(Genericode + "Identification")?.Element(Genericode + "CanonicalVersionUri")?.Value.Trim() is { Length: > 0 } uri)
                {
                    genericode.TryAdd(uri, document);
                }
            }
            catch (FimImportStop stop) when (stop.Error.Line != 0 || !stop.Error.Message.Key.EndsWith("too-slow", StringComparison.Ordinal))
            {
                // A file beside the schema that is not a readable code list is not one of its code lists.
            }
        }

        return genericode;
    }

    private void Rules(XElement element, JsonArray notes)
    {
        foreach (var rule in element.Elements(ns + "regel"))
        {
            Check(rule, "regel");
            var (id, version) = Identification(rule);
            var name = Text(rule, "name");
            var definition = three ? Text(rule, "freitextRegel") ?? Text(rule, "beschreibung") : Text(rule, "definition") ?? Text(rule, "beschreibung");
            var script = Text(rule, three ? "skript" : "script");
            var note = $"{id} {version}: {name}".TrimEnd(':', ' ');
            if (definition is not null)
            {
                note += " — " + definition;
            }

            if (script is not null)
            {
                note += "\nscript:\n" + script;
            }

            notes.Add(Clip(note, 8000));
        }
    }

    private (string Id, string? Version) Identification(XElement element)
    {
        var identification = element.Element(ns + "identifikation");
        if (identification is null)
        {
            Error(element, "applications.fim.identification-missing", ("element", element.Name.LocalName));
            return ("X", null);
        }

        Check(identification, "identifikation");
        var id = identification.Element(ns + "id");
        if (id is null)
        {
            Error(identification, "applications.fim.identification-missing", ("element", element.Name.LocalName));
            return ("X", null);
        }

        if (id.Value.Trim().Length == 0)
        {
            Error(id, "applications.fim.id-empty", ("element", element.Name.LocalName));
            return ("X", null);
        }

        return (Clip(id.Value.Trim(), 64)!, Clip(identification.Element(ns + "version")?.Value.Trim(), 32) is { Length: > 0 } v ? v : null);
    }

    /// <summary>Unknown and repeated children of an element, and xdf3's release status, each refused where it stands.</summary>
    private void Check(XElement element, string kind)
    {
        var known = (three ? Known3 : Known2)[kind];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in element.Elements().Where(e => e.Name.Namespace == ns))
        {
            var name = child.Name.LocalName;
            if (!known.Contains(name))
            {
                Error(child, "applications.fim.unexpected-element", ("element", name), ("parent", element.Name.LocalName));
            }
            else if (!seen.Add(name) && !Repeatable.Contains(name) && !(three && name == "inhalt"))
            {
                Error(child, "applications.fim.element-twice", ("element", name), ("parent", element.Name.LocalName));
            }
        }

        if (three && element.Element(ns + "freigabestatus") is { } status)
        {
            var code = status.Element("code") ?? status.Elements().FirstOrDefault(e => e.Name.LocalName == "code");
            if (code is null || !int.TryParse(code.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 8)
            {
                Error(code ?? status, "applications.fim.unknown-code", ("code", code?.Value.Trim() ?? ""), ("list", "freigabestatus"));
            }
        }
    }

    /// <summary><c>anzahl</c> as <c>min:max</c>, max a number or <c>n</c>/<c>*</c> (unbounded, capped at <see cref="FormDefinition.MaxRepeat"/>).</summary>
    private (int Min, int Max) Cardinality(XElement? anzahl, XElement structure)
    {
        var text = anzahl?.Value.Trim() ?? "";
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            int? max = parts[1] is "n" or "*" ? FormDefinition.MaxRepeat
                : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
            if (max is { } upper && upper >= 1 && min <= upper)
            {
                return (Math.Min(min, FormDefinition.MaxRepeat), Math.Min(upper, FormDefinition.MaxRepeat));
            }
        }

        Error((XObject?)anzahl ?? structure, "applications.fim.cardinality", ("value", text));
        return (1, 1);
    }

    private string? Label(XElement element) => Text(element, "bezeichnungEingabe") ?? Text(element, "name");

    private string? Code(XElement element, string name) =>
        element.Element(ns + name)?.Elements().FirstOrDefault(e => e.Name.LocalName == "code")?.Value.Trim() is { Length: > 0 } code ? code : null;

    private string? Text(XElement element, string name) =>
        element.Elements(ns + name).LastOrDefault()?.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() is { Length: > 0 } text ? Clip(text, 4000) : null;

    private static JsonObject Texts(string text) => new() { ["de"] = Clip(text, 4000) };

    private static JsonObject Fim(string id, string? version)
    {
        var fim = new JsonObject { ["id"] = id };
        if (version is not null)
        {
            fim["version"] = version;
        }

        return fim;
    }

    /// <summary>A key the expression language can name: FIM ids are (<c>F60000227</c>); anything else is made one.</summary>
    private static string Identifier(string id)
    {
        var key = Regex.Replace(id, "[^A-Za-z0-9_]", "_", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        key = key.Length == 0 || char.IsAsciiDigit(key[0]) ? "f_" + key : key;
        return key.Length > 56 ? key[..56] : key;
    }

    private static string Unique(string key, ISet<string> taken)
    {
        var candidate = key;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{key}_{i.ToString(CultureInfo.InvariantCulture)}";
        }

        return candidate;
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private void Error(XObject node, string key, params (string, object?)[] args)
    {
        var (line, column) = FimXml.Where(node);
        errors.Add(new FimImportError(file, line, column, LocalizedText.Of(key, args)));
    }
}

using System.Text.RegularExpressions;
using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.FimImport;
using Saas.Testing;

namespace Saas.Modules.Applications.Tests.Features.FimImport;

/// <summary>
/// The FIM files of ../shared/fixtures/fim (real published schemas and the small parser fixtures): every schema file of
/// the folder, found by reading it (genericode code lists are the schemas' companions, not schemas), so a new fixture
/// is covered without a test change; and valid values built from an imported definition, for the validator's tests.
/// </summary>
internal static class FimFixtures
{
    public static readonly string Folder = Path.GetFullPath(Path.Combine(SaasAppFactory.RepositoryRoot, "..", "shared", "fixtures", "fim"));

    /// <summary>The parser fixtures that must be refused (flxbe/xdatenfelder-xml's invalid cases).</summary>
    public static readonly HashSet<string> Invalid = new(StringComparer.Ordinal)
    {
        "xdf2-small/duplicate-optional-value.xml", "xdf2-small/duplicate-required-value.xml", "xdf2-small/unknown-namespace.xml",
        "xdf3-small/duplicate-id-node.xml", "xdf3-small/empty-id-node.xml", "xdf3-small/invalid-freigabestatus.xml",
        "xdf3-small/missing-id-node.xml", "xdf3-small/unexpected-node.xml", "xdf3-small/unknown-namespace.xml",
    };

    public static TheoryData<string> Schemas() => new(SchemaFiles());

    public static TheoryData<string> ValidSchemas() => new(SchemaFiles().Where(f => !Invalid.Contains(f)));

    private static List<string> SchemaFiles() =>
        Directory.EnumerateFiles(Folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where(f => !IsGenericode(f))
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).ToList();

    private static bool IsGenericode(string file)
    {
        using var reader = System.Xml.XmlReader.Create(file, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        try
        {
            return reader.MoveToContent() == System.Xml.XmlNodeType.Element && reader.NamespaceURI == "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    public static FimImportResult Import(string relative) => FimImporter.Import(Path.Combine(Folder, relative));

    /// <summary>
    /// The imported definition as the admin completes it: a code list whose genericode file was not beside the schema
    /// gets one code (the draft's rules report it until then).
    /// </summary>
    public static FormDefinition Completed(JsonObject spec)
    {
        var copy = spec.DeepClone().AsObject();
        foreach (var list in copy["codeLists"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (list["codes"] is JsonArray { Count: 0 } codes)
            {
                codes.Add(new JsonObject { ["code"] = "test", ["label"] = new JsonObject { ["de"] = "Test" } });
            }
        }

        return FormDefinition.Read("fim", copy);
    }

    private static readonly string[] TextCandidates =
        ["Muster", "12345", "max.mustermann@example.org", "A", "1", "Ab", "ABC123", "Musterstraße 1", "M", "0123456789", "DE12345678901234567890"];

    /// <summary>A valid submission built from the definition alone: every group given, each field a value that keeps its rules.</summary>
    public static JsonObject ValidValues(FormDefinition form) => Level(form, null);

    private static JsonObject Level(FormDefinition form, FormGroup? group)
    {
        var values = new JsonObject();
        foreach (var field in form.Fields.Where(f => group is null ? form.GroupOf(f.Group) is null : f.Group == group.Key))
        {
            if (field.TakesInput && ValueOf(form, field) is { } value)
            {
                values[field.Key] = field.Multiple ? new JsonArray(value) : value;
            }
        }

        foreach (var child in form.Groups.Where(g => group is null ? form.GroupOf(g.Parent) is null : g.Parent == group.Key))
        {
            if (child.Repeats)
            {
                var entries = new JsonArray();
                for (var i = 0; i < Math.Max(child.Min, 1); i++)
                {
                    entries.Add(Level(form, child));
                }

                values[child.Key] = entries;
            }
            else
            {
                values[child.Key] = Level(form, child);
            }
        }

        return values;
    }

    public static JsonNode? ValueOf(FormDefinition form, FormField field) => field.Type switch
    {
        FormFieldType.Text or FormFieldType.Multiline => TextCandidates.FirstOrDefault(t => Fits(field, t)) is { } text ? JsonValue.Create(text) : null,
        FormFieldType.Number or FormFieldType.Decimal => JsonValue.Create((field.Minimum ?? Math.Min(1, field.Maximum ?? 1)).ToString(CultureInfo.InvariantCulture)),
        FormFieldType.Date => JsonValue.Create((field.MinDate ?? (field.MaxDate is { } max && max < new DateOnly(2000, 1, 1) ? max : new DateOnly(2000, 1, 1))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        FormFieldType.Boolean => JsonValue.Create("true"),
        FormFieldType.Select => JsonValue.Create(form.CodeListOf(field.CodeList)!.Codes[0].Code),
        FormFieldType.File => new JsonObject { ["evidence"] = Guid.NewGuid().ToString(), ["name"] = "nachweis.pdf", ["contentType"] = field.Accept.FirstOrDefault() ?? "application/pdf", ["bytes"] = 1000 },
        _ => null,
    };

    private static bool Fits(FormField field, string text) =>
        text.Length >= (field.MinLength ?? 0) && text.Length <= (field.MaxLength ?? int.MaxValue)
        && (field.Pattern is null || Regex.IsMatch(text, "^(?:" + field.Pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}

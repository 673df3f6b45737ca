using NJsonSchema;
using NJsonSchema.Validation;

namespace Saas.Platform.Metadata;

/// <summary>Validates parsed documents against their kind's JSON Schema and rules, with located errors.</summary>
internal sealed class MetadataValidator(IMetadataKindRegistry kinds)
{
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);

    /// <summary>Parses and validates one file; returns the document or null, adding every error found.</summary>
    public ParsedDocument? Validate(string file, string yaml, List<MetadataError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var document = YamlDocumentParser.Parse(file, yaml, errors);
        if (document is null)
        {
            return null;
        }

        var before = errors.Count;
        Check(document, errors);
        return errors.Count == before ? document : null;
    }

    /// <summary>
    /// Parses and validates one file as the admin studio keeps drafts: the document with all its errors (parse,
    /// schema and, when the schema holds, the kind's rules), or <c>Refused</c> when the text cannot be a draft at all:
    /// not YAML, beyond the parser's limits, no kind or key, or a kind nobody registered.
    /// </summary>
    public (ParsedDocument? Document, bool Refused) ValidateDraft(string file, string yaml, List<MetadataError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var (document, refused) = YamlDocumentParser.ParseDraft(file, yaml, errors);
        if (document is null || refused)
        {
            return (null, true);
        }

        return Check(document, errors) ? (document, false) : (null, true);
    }

    /// <summary>Schema, then rules; false when the kind is unknown (the document cannot be checked at all).</summary>
    private bool Check(ParsedDocument document, List<MetadataError> errors)
    {
        var file = document.File;
        var kind = kinds.Find(document.Kind);
        if (kind is null)
        {
            var (line, column) = document.Locate("$.kind");
            errors.Add(new MetadataError(file, "$.kind", line, column,
                LocalizedText.Of("platform.metadata.unknown-kind", ("kind", document.Kind), ("known", string.Join(", ", kinds.All.Select(k => k.Name).Order(StringComparer.Ordinal))))));
            return false;
        }

        var before = errors.Count;
        var schema = schemas.GetOrAdd(kind.Name, _ => JsonSchema.FromJsonAsync(kind.JsonSchema).GetAwaiter().GetResult());
        foreach (var error in Flatten(schema.Validate(document.Spec.ToJsonString())))
        {
            var path = ToPath(error);
            var (line, column) = document.Locate(path);
            errors.Add(new MetadataError(file, path, line, column, Describe(error)));
        }

        if (errors.Count == before && kind.Validate is not null)
        {
            Add(document, kind.Validate(document.Spec), errors);
        }

        if (errors.Count == before && kind.ValidateDocument is not null)
        {
            var context = new MetadataRuleContext(document.Spec, document.Yaml, specPath => document.Locate(SpecPath(specPath)), specPath => document.LocateValue(SpecPath(specPath)));
            Add(document, kind.ValidateDocument(context), errors);
        }

        return true;
    }

    private static string SpecPath(string rulePath) => rulePath == "$" ? "$.spec" : "$.spec" + rulePath.TrimStart('$');

    private static void Add(ParsedDocument document, IEnumerable<MetadataRuleError> rules, List<MetadataError> errors)
    {
        foreach (var rule in rules)
        {
            var path = SpecPath(rule.Path);
            var (line, column) = rule.Line is not null ? (rule.Line, rule.Column) : document.Locate(path);
            errors.Add(new MetadataError(document.File, path, line, column, rule.Message) { Text = rule.Text });
        }
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string ToPath(ValidationError error)
    {
        var path = error.Path ?? "#";
        path = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        return path.Length == 0 ? "$.spec" : "$.spec." + path;
    }

    /// <summary>A schema error in words (texts <c>platform.metadata.schema.*</c>); kinds without a text of their own name the kind.</summary>
    private static LocalizedText Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => LocalizedText.Of("platform.metadata.schema.property-required", ("property", error.Property)),
        ValidationErrorKind.NoAdditionalPropertiesAllowed => LocalizedText.Of("platform.metadata.schema.unknown-property", ("property", error.Property)),
        ValidationErrorKind.StringExpected => new("platform.metadata.schema.text-expected"),
        ValidationErrorKind.IntegerExpected => new("platform.metadata.schema.integer-expected"),
        ValidationErrorKind.NumberExpected => new("platform.metadata.schema.number-expected"),
        ValidationErrorKind.BooleanExpected => new("platform.metadata.schema.boolean-expected"),
        ValidationErrorKind.ArrayExpected => new("platform.metadata.schema.list-expected"),
        ValidationErrorKind.ObjectExpected => new("platform.metadata.schema.mapping-expected"),
        ValidationErrorKind.NullExpected => new("platform.metadata.schema.no-value-expected"),
        ValidationErrorKind.PatternMismatch => new("platform.metadata.schema.format"),
        ValidationErrorKind.StringTooShort => new("platform.metadata.schema.text-too-short"),
        ValidationErrorKind.StringTooLong => new("platform.metadata.schema.text-too-long"),
        ValidationErrorKind.NumberTooSmall => new("platform.metadata.schema.number-too-small"),
        ValidationErrorKind.NumberTooBig => new("platform.metadata.schema.number-too-big"),
        ValidationErrorKind.TooFewItems => new("platform.metadata.schema.too-few-items"),
        ValidationErrorKind.TooManyItems => new("platform.metadata.schema.too-many-items"),
        ValidationErrorKind.ItemsNotUnique => new("platform.metadata.schema.duplicates"),
        ValidationErrorKind.NotInEnumeration => new("platform.metadata.schema.not-allowed"),
        _ => LocalizedText.Of("platform.metadata.schema.invalid", ("kind", error.Kind.ToString())),
    };
}

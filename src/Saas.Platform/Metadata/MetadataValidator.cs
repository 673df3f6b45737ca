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
        var document = YamlDocumentParser.Parse(file, yaml, errors);
        if (document is null)
        {
            return null;
        }

        var kind = kinds.Find(document.Kind);
        if (kind is null)
        {
            var (line, column) = document.Locate("$.kind");
            errors.Add(new MetadataError(file, "$.kind", line, column,
                $"Unknown kind '{document.Kind}'. Known kinds: {string.Join(", ", kinds.All.Select(k => k.Name).Order(StringComparer.Ordinal))}."));
            return null;
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
            foreach (var rule in kind.Validate(document.Spec))
            {
                var path = rule.Path == "$" ? "$.spec" : "$.spec" + rule.Path.TrimStart('$');
                var (line, column) = document.Locate(path);
                errors.Add(new MetadataError(file, path, line, column, rule.Message));
            }
        }

        return errors.Count == before ? document : null;
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

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => $"The required property '{error.Property}' is missing.",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => $"Unknown property '{error.Property}'.",
        ValidationErrorKind.StringExpected => "Expected text.",
        ValidationErrorKind.IntegerExpected => "Expected a whole number.",
        ValidationErrorKind.NumberExpected => "Expected a number.",
        ValidationErrorKind.BooleanExpected => "Expected true or false.",
        ValidationErrorKind.ArrayExpected => "Expected a list.",
        ValidationErrorKind.ObjectExpected => "Expected a mapping.",
        ValidationErrorKind.NullExpected => "Expected no value.",
        ValidationErrorKind.PatternMismatch => "The value does not have the expected format.",
        ValidationErrorKind.StringTooShort => "The text is too short.",
        ValidationErrorKind.StringTooLong => "The text is too long.",
        ValidationErrorKind.NumberTooSmall => "The number is too small.",
        ValidationErrorKind.NumberTooBig => "The number is too large.",
        ValidationErrorKind.TooFewItems => "The list has too few entries.",
        ValidationErrorKind.TooManyItems => "The list has too many entries.",
        ValidationErrorKind.ItemsNotUnique => "The list contains duplicates.",
        ValidationErrorKind.NotInEnumeration => "The value is not one of the allowed values.",
        _ => "Invalid value (" + error.Kind + ").",
    };
}

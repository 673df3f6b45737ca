namespace Saas.Platform.Metadata;

/// <summary>A document read from a file and valid against its kind: what a module needs of it outside the store.</summary>
public sealed record ValidatedDocument(string File, string Kind, string Key, JsonNode Spec);

/// <summary>
/// Validates one configuration file that does not belong to an authority's store (the platform operator's shared
/// documents in <c>tenants/_platform/</c>, e.g. the federal fee schedule) with the same parser, schema and kind rules
/// as the store and the CLI, so its errors are located the same way.
/// </summary>
public interface IMetadataFiles
{
    /// <summary>The document, or null with every error (file, path, line, column) added to <paramref name="errors"/>.</summary>
    ValidatedDocument? Validate(string file, string yaml, List<MetadataError> errors);
}

internal sealed class MetadataFiles(MetadataValidator validator) : IMetadataFiles
{
    public ValidatedDocument? Validate(string file, string yaml, List<MetadataError> errors) =>
        validator.Validate(file, yaml, errors) is { } document ? new ValidatedDocument(document.File, document.Kind, document.Key, document.Spec) : null;
}

using Saas.Platform.Metadata;

namespace Saas.Platform.Modules;

/// <summary>One valid document of an authority's folder: where it is (as errors name it), what it is, and its text.</summary>
public sealed record ConfigurationFile(string File, string Kind, string Key, string Yaml)
{
    /// <summary>The authority's folder on disk when the documents come from one (the CLI, the start-up import), for checks of files beside them (a letter's template); null otherwise.</summary>
    public string? Folder { get; init; }
}

/// <summary>
/// A module's check across all documents of one authority, for what one document cannot say alone: a staff
/// document names a unit or a surname range that no other document defines (docs/adr/0022). It runs after every
/// document passed its schema and rules (so the parser's limits held), and answers located errors. A module
/// registers it in DI; <c>saas tenants validate</c> and <c>saas tenants import</c> run every one.
/// </summary>
public interface IConfigurationSetCheck
{
    IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files);
}

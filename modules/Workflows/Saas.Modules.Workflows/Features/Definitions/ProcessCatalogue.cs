using System.Collections.Concurrent;

namespace Saas.Modules.Workflows.Features.Definitions;

/// <summary>
/// The authority's processes, compiled: the published version for new cases, and any earlier version a running case
/// still keeps (it ends in the version it started with unless moved on explicitly, <c>MigrateInstances</c>). A
/// compiled version is kept per authority, key, version and text hash, so a republished text is compiled anew.
/// </summary>
internal sealed class ProcessCatalogue(IMetadataStore store, ICurrentTenant tenant)
{
    private static readonly ConcurrentDictionary<(Guid Tenant, string Key, int Version, string Sha), CompiledProcess> Compiled = new();

    public async Task<CompiledProcess?> PublishedAsync(string key, CancellationToken ct)
    {
        var document = await store.GetPublishedAsync(ProcessKind.Name, key, ct);
        return document is null ? null : Compile(document);
    }

    public async Task<IReadOnlyList<CompiledProcess>> AllPublishedAsync(CancellationToken ct) =>
        [.. (await store.GetPublishedAsync(ProcessKind.Name, ct)).Select(Compile)];

    /// <summary>A version that was published once (a running case's); null when there never was such a version.</summary>
    public async Task<CompiledProcess?> VersionAsync(string key, int version, CancellationToken ct)
    {
        // One version, not the whole history: a process edited fifty times is read as fast as a new one.
        var document = await store.GetVersionAsync(ProcessKind.Name, key, version, ct);
        return document is null || document.PublishedAt is null ? null : Compile(document);
    }

    private CompiledProcess Compile(MetadataDocument document) =>
        Compiled.GetOrAdd((tenant.Id ?? throw new InvalidOperationException("No authority in scope."), document.Key, document.Version, document.Sha256), _ =>
        {
            var definition = ProcessDefinition.Read(document.Key, document.Spec);
            var (process, errors) = ProcessCompiler.Compile(definition, document.Version);
            // A published version passed validation; an error here is a change of the language since then, named for the operator.
            return process ?? throw new InvalidOperationException(
                $"Process '{document.Key}' version {document.Version} no longer compiles: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Error}"))}");
        });
}

using System.Collections.Concurrent;
using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>A published form ready for the portal: its definition, compiled expressions, layout and version.</summary>
internal sealed record PortalForm(FormDefinition Definition, CompiledForm Compiled, FormLayout Layout, int Version)
{
    public string Key => Definition.Key;
}

/// <summary>
/// The authority's published forms (kind <c>form</c>), read from the metadata store; a form that does not compile is not
/// offered. A version's reading and compiling is kept by its key, version and text hash (the content, whichever
/// authority has it; a republished text has another hash): every step page and post reads its form, and a large FIM
/// form took about 2 ms each time to parse and compile (the forms benchmark). The parts are immutable once read.
/// </summary>
internal sealed class PublishedForms(IMetadataStore store)
{
    /// <summary>At most this many versions are kept; past it the cache starts afresh (forms are edited rarely).</summary>
    private const int MaxCached = 1_000;

    private static readonly ConcurrentDictionary<(string Key, int Version, string Sha), PortalForm?> Compiled = new();

    public async Task<IReadOnlyList<PortalForm>> ListAsync(CancellationToken ct)
    {
        var documents = await store.GetPublishedAsync(FormKind.Name, ct);
        return [.. documents.Select(Read).OfType<PortalForm>().OrderBy(f => f.Key, StringComparer.Ordinal)];
    }

    /// <summary>The published form of that key, or <see cref="ApplicationsProblems.FormNotFound"/>.</summary>
    public async Task<PortalForm> GetAsync(string key, CancellationToken ct)
    {
        var document = string.IsNullOrWhiteSpace(key) || key.Length > 200 ? null : await store.GetPublishedAsync(FormKind.Name, key, ct);
        return (document is null ? null : Read(document)) ?? throw ApplicationsProblems.FormNotFound(Shorten(key));
    }

    /// <summary>The version a submission was made with (its receipt shows the answers by that version's labels).</summary>
    public async Task<PortalForm?> GetVersionAsync(string key, int version, CancellationToken ct) =>
        await store.GetVersionAsync(FormKind.Name, key, version, ct) is { } document ? Read(document) : null;

    private static PortalForm? Read(MetadataDocument document)
    {
        if (Compiled.Count >= MaxCached)
        {
            Compiled.Clear();
        }

        return Compiled.GetOrAdd((document.Key, document.Version, document.Sha256), _ => Compile(document));
    }

    private static PortalForm? Compile(MetadataDocument document)
    {
        var definition = FormDefinition.Read(document.Key, document.Spec);
        var compiled = FormExpressions.Compile(definition);
        return compiled.Succeeded ? new PortalForm(definition, compiled, new FormLayout(definition), document.Version) : null;
    }

    private static string Shorten(string? key) => key is null ? "" : key.Length <= 40 ? key : key[..40] + "…";
}

using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>A published form ready for the portal: its definition, compiled expressions, layout and version.</summary>
internal sealed record PortalForm(FormDefinition Definition, CompiledForm Compiled, FormLayout Layout, int Version)
{
    public string Key => Definition.Key;
}

/// <summary>The authority's published forms (kind <c>form</c>), read from the metadata store; a form that does not compile is not offered.</summary>
internal sealed class PublishedForms(IMetadataStore store)
{
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
        var definition = FormDefinition.Read(document.Key, document.Spec);
        var compiled = FormExpressions.Compile(definition);
        return compiled.Succeeded ? new PortalForm(definition, compiled, new FormLayout(definition), document.Version) : null;
    }

    private static string Shorten(string? key) => key is null ? "" : key.Length <= 40 ? key : key[..40] + "…";
}

using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Studio.Features.Preview;

/// <summary>
/// What the public will see of a document of one kind, rendered by a partial of the page that shows it (a location: its
/// card on the portal, <c>_LocationCard</c>). A kind without a preview shows none; a later kind (a form) registers its own.
/// </summary>
internal interface IStudioPreview
{
    string Kind { get; }

    /// <summary>The partial view (found like the layout, e.g. in the host's <c>Pages/Shared</c>).</summary>
    string Partial { get; }

    /// <summary>The partial's model from a spec, or null when the spec lacks what the public page needs.</summary>
    object? Model(string key, JsonNode spec);
}

/// <summary>A location's portal card, from the organisation module's own reading of a location (so both agree).</summary>
internal sealed class LocationPreview(IOrganizationDirectory directory) : IStudioPreview
{
    public string Kind => "location";

    public string Partial => "_LocationCard";

    public object? Model(string key, JsonNode spec) => directory.ReadLocation(key, spec);
}

internal sealed record PreviewStudioDocumentRequest(string Kind, string Key);

/// <summary>The preview of a document: which version (the open draft, else the published one), and what renders it.</summary>
internal sealed record StudioPreview(MetadataDocument Document, string? Partial, object? Model, bool HasPreview);

/// <summary>
/// The portal's view of a draft before it is published: nothing is published or stored. A document that does not
/// exist is 404 (<c>studio-document-not-found</c>).
/// </summary>
internal sealed class PreviewStudioDocument(IMetadataDrafts drafts, StudioKinds kinds, IEnumerable<IStudioPreview> previews)
{
    public async Task<StudioPreview> ExecuteAsync(PreviewStudioDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        var entry = await drafts.GetAsync(kind.Name, request.Key, ct);
        var document = entry?.Draft?.Document ?? entry?.Published ?? throw StudioProblems.DocumentNotFound(request.Kind, request.Key);
        var preview = previews.FirstOrDefault(p => p.Kind == kind.Name);
        return preview is null
            ? new StudioPreview(document, null, null, false)
            : new StudioPreview(document, preview.Partial, preview.Model(document.Key, document.Spec), true);
    }
}

internal static class PreviewFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<IStudioPreview, LocationPreview>();
        services.AddScoped<PreviewStudioDocument>();
    }
}

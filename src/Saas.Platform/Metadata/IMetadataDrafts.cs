namespace Saas.Platform.Metadata;

/// <summary>
/// A draft as the admin studio keeps it: saved even when it does not validate, with its located errors; the
/// document it was based on (to detect a second admin's edit) and whether it may be published.
/// </summary>
/// <param name="Document">The draft version (state <see cref="MetadataState.Draft"/>). A save or restore whose text equals
/// the latest version stores nothing and answers with that version, which may be the published one (state
/// <see cref="MetadataState.Published"/>, no errors).</param>
/// <param name="Errors">Located errors, stored as data (text key and arguments) and written in the reading person's
/// language each time the draft is read; empty when the draft is valid.</param>
/// <param name="BasedOnVersion">The version the editor opened when it saved (null for a new document).</param>
public sealed record MetadataDraft(MetadataDocument Document, IReadOnlyList<MetadataError> Errors, int? BasedOnVersion)
{
    public bool CanPublish => Errors.Count == 0;
}

/// <summary>One document of the authority as the studio lists it: its published version and its open draft, if any.</summary>
public sealed record MetadataEntry(string Kind, string Key, MetadataDocument? Published, MetadataDraft? Draft);

/// <summary>
/// Thrown when an edit was based on a version that is no longer the latest (another admin saved or published
/// meanwhile). Carries what is there now, so the editor can show what changed. Nothing was stored.
/// </summary>
public sealed class MetadataConflictException(string kind, string key, int? basedOnVersion, MetadataDocument current)
    : Exception($"{kind}/{key} was changed meanwhile: the edit was based on version {basedOnVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}, the latest is {current.Version}.")
{
    public string Kind { get; } = kind;

    public string Key { get; } = key;

    public int? BasedOnVersion { get; } = basedOnVersion;

    public MetadataDocument Current { get; } = current;
}

/// <summary>Thrown when a version that was asked for (to restore, or chosen to publish) does not exist at all.</summary>
public sealed class MetadataNotFoundException(string kind, string key, int version)
    : Exception($"{kind}/{key} has no version {version.ToString(CultureInfo.InvariantCulture)}.")
{
    public string Kind { get; } = kind;

    public string Key { get; } = key;

    public int Version { get; } = version;
}

/// <summary>
/// The admin studio's side of the configuration store, for the current tenant (row-level security scopes every
/// call). Unlike <see cref="IMetadataStore.SaveDraftAsync"/>, a draft is kept even when invalid; publishing
/// refuses invalid drafts. Every change is audited with the author, who is always the signed-in person.
/// </summary>
public interface IMetadataDrafts
{
    /// <summary>Every document of the tenant (published and/or draft), ordered by kind and key. Its history (every
    /// version with created_by, published_by, discarded_by) is <see cref="IMetadataStore.GetHistoryAsync"/>.</summary>
    Task<IReadOnlyList<MetadataEntry>> ListAsync(CancellationToken ct = default);

    /// <summary>One document's published version and open draft; null when neither exists.</summary>
    Task<MetadataEntry?> GetAsync(string kind, string key, CancellationToken ct = default);

    /// <summary>
    /// Stores YAML as the draft of the document it declares (replacing that document's open draft), with its
    /// located errors when it does not validate. Refuses (<see cref="MetadataValidationException"/>, nothing
    /// stored) only text that names no kind and key, that is not YAML, or that breaks the parser's limits.
    /// <paramref name="basedOnVersion"/> is the latest version the editor opened (null: a new document); when the
    /// latest version is another one now, throws <see cref="MetadataConflictException"/>. Every stored save is a new
    /// version (the open draft it replaces becomes <see cref="MetadataState.Superseded"/>), so a second admin who saves
    /// on the same draft gets the conflict. The same text as the latest version stores nothing. A tenant document must
    /// name the current authority (refused otherwise); hosts or modules other than the registry's are a located error.
    /// </summary>
    Task<MetadataDraft> SaveAsync(string yaml, int? basedOnVersion, string author, CancellationToken ct = default);

    /// <summary>Deletes the open draft of a document; the published version stays. False when there was none.</summary>
    Task<bool> DiscardAsync(string kind, string key, string author, CancellationToken ct = default);

    /// <summary>Makes an old version's YAML the document's new draft (validated like any save; it replaces an open
    /// draft). <see cref="MetadataNotFoundException"/> when the version does not exist.</summary>
    Task<MetadataDraft> RestoreAsync(string kind, string key, int version, string author, CancellationToken ct = default);

    /// <summary>
    /// Publishes exactly the chosen drafts in one transaction. Refuses all of them with the located errors of
    /// every invalid one (<see cref="MetadataValidationException"/>), and with <see cref="MetadataConflictException"/>
    /// when a chosen draft is gone or is not the version the admin chose (a racing publish or save). Each draft is
    /// validated again, with the kinds' schemas and rules as they are now. Returns how many were published.
    /// </summary>
    Task<int> PublishAsync(IReadOnlyList<(string Kind, string Key, int Version)> drafts, string author, CancellationToken ct = default);
}

/// <summary>
/// An authority's whole configuration as files: the same folder <c>saas tenants export</c> writes, zipped; and the
/// import of such a zip as drafts, with the CLI's located errors (file, line, column) and the zip limits of every
/// archive the platform reads (entries, sizes, ratio, names without <c>..</c> or absolute paths).
/// </summary>
public interface IMetadataExchange
{
    /// <summary>Writes the published documents of the current tenant, byte for byte, as a zip: the files of the
    /// authority's folder at the zip's root (<c>tenant.yaml</c>, <c>locations/….yaml</c>, …). The stream stays open.</summary>
    Task ExportAsync(Stream zip, CancellationToken ct = default);

    /// <summary>
    /// Reads a zip of YAML files and stores each document as a draft of the current tenant. All or nothing:
    /// any error (in any file) → <see cref="MetadataValidationException"/> listing them all, nothing stored.
    /// A tenant document's key is rewritten to the current tenant's (a configuration moves between authorities);
    /// the receiving authority keeps its own hosts and modules (only the platform operator changes them).
    /// Zip problems (unsafe names, symbolic links, sizes, ratio) are errors of the entry. Returns how many drafts
    /// were stored (a document equal to its latest version gets none).
    /// </summary>
    Task<int> ImportAsync(Stream zip, string author, CancellationToken ct = default);
}

namespace Saas.Platform.Metadata;

/// <summary>
/// Lifecycle of one version of a configuration document: an open draft; the published version; superseded (a later
/// version took its place: a newer publication, or a newer save of the draft); discarded (a draft thrown away).
/// </summary>
public enum MetadataState
{
    Draft,
    Published,
    Superseded,
    Discarded,
}

/// <summary>
/// One version of a configuration document of the current tenant. <see cref="Yaml"/> is the text exactly as
/// imported or saved (export writes it back byte for byte); <see cref="Spec"/> is its parsed <c>spec</c>.
/// </summary>
public sealed record MetadataDocument(
    string Kind,
    string Key,
    int Version,
    MetadataState State,
    string Yaml,
    JsonNode Spec,
    string Sha256,
    string? SourcePath,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>When and by whom this version was published (it may be superseded since); null if it never was.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public string? PublishedBy { get; init; }

    /// <summary>When and by whom this draft was discarded.</summary>
    public DateTimeOffset? DiscardedAt { get; init; }

    public string? DiscardedBy { get; init; }

    /// <summary>The old version whose text this one restored (the studio's rollback), if it did.</summary>
    public int? RestoredFrom { get; init; }
}

/// <summary>
/// A located validation error: which file, where inside it, what is wrong. <see cref="Message"/> is written in the
/// language of whoever validates (the request's, or the CLI's); <see cref="Text"/> is the catalogue's text behind it,
/// for a reader in another language.
/// </summary>
public sealed record MetadataError(string File, string Path, int? Line, int? Column, string Message)
{
    public MetadataError(string file, string path, int? line, int? column, LocalizedText text)
        : this(file, path, line, column, TextCatalog.Shared.Format(text)) => Text = text;

    public LocalizedText? Text { get; init; }

    public override string ToString() =>
        Line is null ? $"{File}: {Path}: {Message}" : $"{File}:{Line}:{Column}: {Path}: {Message}";
}

/// <summary>Thrown when documents fail validation; nothing of the attempted change was stored.</summary>
public sealed class MetadataValidationException(IReadOnlyList<MetadataError> errors)
    : Exception("Configuration is invalid: " + string.Join("; ", errors.Take(5)))
{
    public IReadOnlyList<MetadataError> Errors { get; } = errors;
}

/// <summary>
/// Versioned configuration documents of the current tenant (row-level security scopes every call).
/// Modules read published documents; admin pages save drafts and publish them.
/// </summary>
public interface IMetadataStore
{
    /// <summary>All published documents of a kind, ordered by key.</summary>
    Task<IReadOnlyList<MetadataDocument>> GetPublishedAsync(string kind, CancellationToken ct = default);

    Task<MetadataDocument?> GetPublishedAsync(string kind, string key, CancellationToken ct = default);

    /// <summary>The open draft of a document, if one exists.</summary>
    Task<MetadataDocument?> GetDraftAsync(string kind, string key, CancellationToken ct = default);

    /// <summary>Validates and stores YAML as the document's draft (replacing an open draft). Throws
    /// <see cref="MetadataValidationException"/> with located errors and stores nothing when invalid.</summary>
    Task<MetadataDocument> SaveDraftAsync(string yaml, string author, string? sourcePath = null, CancellationToken ct = default);

    /// <summary>
    /// Publishes the given drafts (all open drafts when null) in one transaction. Every draft is validated again
    /// first; if any is invalid (a draft the admin studio kept with its errors), nothing is published and
    /// <see cref="MetadataValidationException"/> lists the errors of all of them.
    /// </summary>
    Task<int> PublishAsync(IEnumerable<(string Kind, string Key)>? documents, string author, CancellationToken ct = default);

    /// <summary>All versions of one document, newest first, with who saved, published or discarded each.</summary>
    Task<IReadOnlyList<MetadataDocument>> GetHistoryAsync(string kind, string key, CancellationToken ct = default);

    /// <summary>One version of a document, whatever its state now; null when there is no such version.</summary>
    Task<MetadataDocument?> GetVersionAsync(string kind, string key, int version, CancellationToken ct = default);
}

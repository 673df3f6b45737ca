using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Studio.Features.Exchange;

namespace Saas.Modules.Studio.Features.Documents;

/// <summary>
/// The studio's API under <c>/api/studio</c> (what the organisation admin API was, for every kind): each endpoint maps
/// HTTP to the use case the pages call and back (docs/adr/0012). Drafts keep their errors: a save answers 200 with
/// the located errors; publishing refuses invalid drafts with them.
/// </summary>
internal static class StudioEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/studio").WithTags("Admin studio").RequireAuthorization(SaasPolicies.TenantAdmin);

        group.MapGet("/documents", async Task<Ok<IEnumerable<StudioEntryView>>> (ListStudioDocuments list, CancellationToken ct) =>
            TypedResults.Ok((await list.ExecuteAsync(ct)).SelectMany(k => k.Entries).Select(StudioEntryView.Of)));

        group.MapGet("/documents/{kind}/{key}", async Task<Ok<StudioDocumentView>> (string kind, string key, OpenStudioDocument open, CancellationToken ct) =>
        {
            var opened = await open.ExecuteAsync(new OpenStudioDocumentRequest(kind, key), ct);
            return opened.Current is null ? throw StudioProblems.DocumentNotFound(kind, key) : TypedResults.Ok(StudioDocumentView.Of(opened));
        });

        group.MapPut("/documents", async Task<Ok<StudioDraftView>> (HttpRequest request, [FromQuery] int? basedOn, SaveStudioDraft save, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var draft = await save.ExecuteAsync(new SaveStudioDraftRequest(await reader.ReadToEndAsync(ct), basedOn), ct);
            return TypedResults.Ok(StudioDraftView.Of(draft));
        }).Accepts<string>("application/yaml", "text/yaml", "text/plain");

        group.MapDelete("/documents/{kind}/{key}/draft", async Task<NoContent> (string kind, string key, DiscardStudioDraft discard, CancellationToken ct) =>
        {
            await discard.ExecuteAsync(new DiscardStudioDraftRequest(kind, key), ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/documents/{kind}/{key}/restore", async Task<Ok<StudioDraftView>> (
            string kind, string key, [FromQuery] int version, RestoreStudioVersion restore, CancellationToken ct) =>
            TypedResults.Ok(StudioDraftView.Of(await restore.ExecuteAsync(new RestoreStudioVersionRequest(kind, key, version), ct))));

        group.MapGet("/documents/{kind}/{key}/history", async Task<Ok<IEnumerable<StudioVersionView>>> (
            string kind, string key, ReadStudioHistory history, CancellationToken ct) =>
            TypedResults.Ok((await history.ExecuteAsync(new ReadStudioHistoryRequest(kind, key), ct)).Select(StudioVersionView.Of)));

        group.MapGet("/documents/{kind}/{key}/diff", async Task<Ok<StudioDiffView>> (
            string kind, string key, [FromQuery] int? from, [FromQuery] int? to, DiffStudioDocument diff, CancellationToken ct) =>
            TypedResults.Ok(StudioDiffView.Of(await diff.ExecuteAsync(new DiffStudioDocumentRequest(kind, key, from, to), ct))));

        group.MapPost("/publish", async Task<Ok<StudioPublished>> (PublishStudioDraftsRequest body, PublishStudioDrafts publish, CancellationToken ct) =>
            TypedResults.Ok(new StudioPublished(await publish.ExecuteAsync(body, ct))));

        group.MapGet("/export", async Task<FileContentHttpResult> (ExportConfiguration export, CancellationToken ct) =>
        {
            using var zip = new MemoryStream();
            await export.ExecuteAsync(zip, ct);
            return TypedResults.File(zip.ToArray(), "application/zip", "configuration.zip");
        });

        group.MapPost("/import", async Task<Ok<StudioImported>> (HttpRequest request, ImportConfiguration import, CancellationToken ct) =>
            TypedResults.Ok(new StudioImported(await import.ExecuteAsync(request.Body, ct)))).Accepts<Stream>("application/zip");
    }
}

/// <summary>A document as the list answers it: published version, open draft and whether that has errors.</summary>
internal sealed record StudioEntryView(string Kind, string Key, int? Published, int? Draft, int DraftErrors)
{
    public static StudioEntryView Of(MetadataEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Kind, e.Key, e.Published?.Version, e.Draft?.Document.Version, e.Draft?.Errors.Count ?? 0);
    }
}

/// <summary>A located error as the API answers it.</summary>
internal sealed record StudioErrorView(string File, string Path, int? Line, int? Column, string Message)
{
    public static StudioErrorView Of(MetadataError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.File, e.Path, e.Line, e.Column, e.Message);
    }
}

/// <summary>The document the editor opens: the version to edit, its YAML and its errors (a draft's, and dangling references).</summary>
internal sealed record StudioDocumentView(string Kind, string Key, int Version, string State, string Yaml, IEnumerable<StudioErrorView> Errors)
{
    public static StudioDocumentView Of(OpenedStudioDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var current = d.Current!;
        return new(current.Kind, current.Key, current.Version, current.State.ToString(), current.Yaml, d.Errors.Select(StudioErrorView.Of));
    }
}

/// <summary>A saved draft: its version, whether it may be published, and its located errors.</summary>
internal sealed record StudioDraftView(string Kind, string Key, int Version, bool CanPublish, IEnumerable<StudioErrorView> Errors)
{
    public static StudioDraftView Of(MetadataDraft d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Document.Kind, d.Document.Key, d.Document.Version, d.CanPublish, d.Errors.Select(StudioErrorView.Of));
    }
}

/// <summary>One version of the history.</summary>
internal sealed record StudioVersionView(int Version, string State, DateTimeOffset CreatedAt, string CreatedBy, string Sha256)
{
    public static StudioVersionView Of(MetadataDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Version, d.State.ToString(), d.CreatedAt, d.CreatedBy, d.Sha256);
    }
}

/// <summary>The comparison of two versions, field by field and as a unified diff.</summary>
internal sealed record StudioDiffView(int? From, int To, IEnumerable<FieldChange> Fields, string Unified)
{
    public static StudioDiffView Of(StudioDiff d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Before?.Version, d.After.Version, d.Fields, d.Unified);
    }
}

internal sealed record StudioPublished(int Published);

internal sealed record StudioImported(int Imported);

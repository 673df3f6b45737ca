using Saas.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>An inbox item as the API answers it.</summary>
internal sealed record InboxItemView(
    Guid Id, string Source, string Status, string Reason, string Title, string ContentType, int? Pages, Guid? BatchId, string? MailFrom,
    string? MailSubject, DateTimeOffset? MailDate, DateTimeOffset ReceivedAt, Guid? AssignedFileId, string? AssignedBy, DateTimeOffset? AssignedAt,
    IReadOnlyList<string> ResponsibleCaseworkers, JsonElement Suggestions, Guid? SplitFromId = null, string? SplitPages = null)
{
    public static InboxItemView Of(InboxItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.Source, i.Status, i.Reason, i.Title, i.ContentType, i.Pages, i.BatchId, i.MailFrom, i.MailSubject, i.MailDate, i.ReceivedAt,
            i.AssignedFileId, i.AssignedBy, i.AssignedAt, i.ResponsibleCaseworkers, JsonSerializer.Deserialize<JsonElement>(i.Suggestions), i.SplitFromId, i.SplitPages);
    }
}

internal sealed record InboxItemWithText(InboxItemView Item, string Text);

/// <summary>The body of <c>POST /api/cases/inbox/{id}/assign</c>.</summary>
internal sealed record AssignBody(Guid FileId, string? DocumentType, Guid? CaseId, string? Title);

internal sealed record AssignedDocuments(IReadOnlyList<Guid> Documents);

/// <summary>The body of <c>POST /api/cases/inbox/{id}/split</c>: the parts, "1-2, 3, 4-7".</summary>
internal sealed record SplitBody(string? Ranges);

internal sealed record SplitParts(IReadOnlyList<Guid> Parts);

internal sealed record WithdrawnDocuments(Guid FileId, IReadOnlyList<Guid> Documents);

/// <summary>
/// The inbox API: mail and scans that did not route themselves. Each endpoint maps HTTP to its use case and back
/// (docs/adr/0012); the rules live in the use cases, which the workbench pages call as well.
/// </summary>
internal static class InboxEndpoints
{
    /// <summary>Items per API request (the workbench shows <see cref="Keyset.PageSize"/>).</summary>
    public const int ApiPageSize = 200;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/inbox").WithTags("e-Akte: inbox").RequireAuthorization(SaasPolicies.Staff);

        // Oldest first, up to 200 per request; a Link header (rel="next") names the next page, X-Total-Count the
        // list's size. view=mine|unassigned narrows it to the caller's surname ranges or to items nobody is responsible for.
        group.MapGet("", async Task<Ok<IEnumerable<InboxItemView>>> (string? status, string? view, string? after, HttpContext http, ListInbox list, CancellationToken ct) =>
        {
            var result = await list.ExecuteAsync(new ListInboxRequest(status, view, after, ApiPageSize, InboxScope.All, ReadVia.Api), withCounts: false, ct);
            Keyset.Describe(http, result.Page, new Dictionary<string, string?> { ["status"] = result.Status, ["view"] = InboxList.Name(result.Scope) });
            return TypedResults.Ok(result.Page.Items.Select(InboxItemView.Of));
        });

        group.MapGet("/{id:guid}", async Task<Ok<InboxItemWithText>> (Guid id, ReadInboxItem read, CancellationToken ct) =>
        {
            var item = await read.ExecuteAsync(new ReadInboxItemRequest(id, ReadVia.Api), ct);
            return TypedResults.Ok(new InboxItemWithText(InboxItemView.Of(item), item.Text));
        });

        group.MapGet("/{id:guid}/content", async Task<FileStreamHttpResult> (Guid id, HttpResponse response, OpenInboxContent open, CancellationToken ct) =>
        {
            var content = await open.ExecuteAsync(new OpenInboxContentRequest(id, ReadVia.Api), ct);
            PersonalContent.Apply(response, content.Title, content.ContentType);
            return TypedResults.Stream(content.Content, content.ContentType);
        });

        group.MapPost("/{id:guid}/suggestions", async Task<Ok<IReadOnlyList<AssignmentSuggestion>>> (Guid id, RefreshInboxSuggestions refresh, CancellationToken ct) =>
            TypedResults.Ok(await refresh.ExecuteAsync(new RefreshInboxSuggestionsRequest(id), ct)));

        group.MapPost("/mail", async Task<Created<InboxItemView>> (HttpRequest request, MailIngest mail, CancellationToken ct) =>
        {
            Stream content;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var upload = form.Files.GetFile("file") ?? throw CasesProblems.FileMissing("file");
                content = upload.OpenReadStream();
            }
            else
            {
                content = request.Body;
            }

            await using (content)
            {
                var item = await mail.ReceiveAsync(content, ct);
                return TypedResults.Created($"/api/cases/inbox/{item.Id}", InboxItemView.Of(item));
            }
        }).DisableAntiforgery();

        group.MapPost("/{id:guid}/assign", async Task<Ok<AssignedDocuments>> (Guid id, AssignBody body, AssignInboxItem assign, CancellationToken ct) =>
        {
            var result = await assign.ExecuteAsync(new AssignInboxItemRequest(id, body.FileId, body.DocumentType, body.CaseId, body.Title), ct);
            return TypedResults.Ok(new AssignedDocuments(result.Documents));
        });

        group.MapPost("/{id:guid}/discard", async Task<NoContent> (Guid id, DiscardInboxItem discard, CancellationToken ct) =>
        {
            await discard.ExecuteAsync(new DiscardInboxItemRequest(id), ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id:guid}/split", async Task<Ok<SplitParts>> (Guid id, SplitBody body, SplitInboxItem split, CancellationToken ct) =>
            TypedResults.Ok(new SplitParts((await split.ExecuteAsync(new SplitInboxItemRequest(id, body.Ranges), ct)).Parts)));

        // A wrong filing taken back: the filing's documents are withdrawn from the file, the item is open again.
        group.MapPost("/{id:guid}/undo-filing", async Task<Ok<WithdrawnDocuments>> (Guid id, UndoInboxFiling undo, CancellationToken ct) =>
        {
            var result = await undo.ExecuteAsync(new UndoInboxFilingRequest(id), ct);
            return TypedResults.Ok(new WithdrawnDocuments(result.FileId, result.Withdrawn));
        });

        group.MapPost("/{id:guid}/undo-discard", async Task<NoContent> (Guid id, UndoInboxDiscard undo, CancellationToken ct) =>
        {
            await undo.ExecuteAsync(new UndoInboxDiscardRequest(id), ct);
            return TypedResults.NoContent();
        });
    }
}

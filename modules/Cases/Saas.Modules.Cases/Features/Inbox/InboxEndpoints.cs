using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>Assigning an inbox item to a file (one click on a suggestion, or a file chosen by hand).</summary>
internal sealed record AssignRequest(Guid FileId, string? DocumentType, Guid? ProcedureId, string? Title);

/// <summary>
/// The inbox: mail and scans that did not route themselves. Caseworkers see what came in, the ranked suggestions,
/// open the content, and assign with one click; the assignment creates the document(s) in the file and is audited.
/// </summary>
internal static class InboxEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Items per API request (the workbench shows <see cref="Keyset.PageSize"/>).</summary>
    public const int ApiPageSize = 200;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/inbox").WithTags("e-Akte: inbox").RequireAuthorization(SaasPolicies.Staff);

        // Oldest first, up to 200 per request; a Link header (rel="next") names the next page, X-Total-Count the
        // list's size. view=mine|unassigned narrows it to the caller's surname ranges or to items nobody is responsible for.
        group.MapGet("", async (string? status, string? view, string? after, HttpContext http, IAuditTrail audit, CasesDbContext db, CancellationToken ct) =>
        {
            var wanted = status ?? "open";
            var scope = InboxList.ParseScope(view, InboxScope.All);
            var page = await InboxList.PageAsync(db, wanted, scope, InboxList.Identities(http.User), PageCursor.Parse(after, "after"), ApiPageSize, ct)
                ;
            await audit.RecordAsync(new AuditEntry("inbox.list", "inbox", null, $"{wanted}, {InboxList.Name(scope)}: {page.Items.Count} of {page.Total}", PersonalData: true), ct)
                ;
            Keyset.Describe(http, page, new Dictionary<string, string?> { ["status"] = wanted, ["view"] = InboxList.Name(scope) });
            return Results.Ok(page.Items.Select(View));
        });

        group.MapGet("/{id:guid}", async (Guid id, CasesDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            var item = await FindAsync(db, id, ct);
            await audit.RecordAsync(new AuditEntry("inbox.read", "inbox", id.ToString(), PersonalData: true), ct);
            return Results.Ok(new { Item = View(item), item.Text });
        });

        group.MapGet("/{id:guid}/content", async (Guid id, CasesDbContext db, IBlobStore blobs, IAuditTrail audit, CancellationToken ct) =>
        {
            var (content, contentType) = await OpenContentAsync(db, blobs, audit, id, null, ct);
            return Results.Stream(content, contentType);
        });

        group.MapPost("/{id:guid}/suggestions", async (Guid id, CasesDbContext db, AssignmentSuggester suggester, CancellationToken ct) =>
        {
            var item = await FindAsync(db, id, ct);
            var suggestions = await suggester.SuggestAsync(item.Title + "\n" + item.Text, 5, ct);
            AssignmentSuggester.Apply(item, suggestions);
            db.InboxItems.Update(item);
            await db.SaveChangesAsync(ct);
            return Results.Ok(suggestions);
        });

        group.MapPost("/mail", async (HttpRequest request, MailIngest mail, CancellationToken ct) =>
        {
            Stream content;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var upload = form.Files.GetFile("file") ?? throw new SaasProblemException(StatusCodes.Status400BadRequest, "file-missing",
                    new LocalizedText("problem.file-missing.inbox"), "file");
                content = upload.OpenReadStream();
            }
            else
            {
                content = request.Body;
            }

            await using (content)
            {
                var item = await mail.ReceiveAsync(content, ct);
                return Results.Created($"/api/cases/inbox/{item.Id}", View(item));
            }
        }).DisableAntiforgery();

        group.MapPost("/{id:guid}/assign", async (Guid id, AssignRequest request, CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IBlobStore blobs, IAuditTrail audit,
            IOptions<CasesOptions> settings, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var created = await AssignAsync(db, metadata, blobs, audit, settings.Value, id, request, user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown", clock.GetUtcNow(), ct);
            return Results.Ok(new { Documents = created.Select(d => d.Id) });
        });

        group.MapPost("/{id:guid}/discard", async (Guid id, CasesDbContext db, IAuditTrail audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            await DiscardAsync(db, audit, id, user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown", clock.GetUtcNow(), ct);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// Assigns an open item to a file: its content (and a mail's attachments) become documents there, race-safe
    /// (only one caseworker wins), audited in the same transaction. Used by the API and the workbench.
    /// </summary>
    internal static async Task<IReadOnlyList<CaseDocument>> AssignAsync(CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IBlobStore blobs,
        IAuditTrail audit, CasesOptions settings, Guid id, AssignRequest request, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var item = await FindAsync(db, id, ct);
        if (item.Status != "open")
        {
            throw Conflict();
        }

        var status = await db.CaseFiles.Where(f => f.Id == request.FileId).Select(f => f.Status).SingleOrDefaultAsync(ct)
                     ?? throw CaseFileEndpoints.NotFound(request.FileId);
        if (status != "active")
        {
            throw FileReadOnly(request.FileId); // early, before a mail's attachments are stored; checked again under the lock below
        }

        if (request.ProcedureId is { } procedure && !await db.Procedures.AnyAsync(p => p.Id == procedure && p.CaseFileId == request.FileId, ct))
        {
            throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-procedure",
                new LocalizedText("problem.unknown-procedure"), "procedureId");
        }

        var documentType = await DocumentTypes.EnsureKnownAsync(metadata,
            string.IsNullOrWhiteSpace(request.DocumentType) ? (item.Source == "mail" ? "schriftverkehr" : "sonstiges") : request.DocumentType.Trim(), "documentType", ct);
        var title = string.IsNullOrWhiteSpace(request.Title) ? item.Title : request.Title.Trim();
        var documents = new List<NewDocument>
        {
            new(request.FileId, request.ProcedureId, documentType, title, item.Source, item.ContentType, new StoredBlob(item.Sha256, item.Length),
                PaperOriginal: item.Source == "scan", item.Pages, item.BatchId, item.Id),
        };
        if (item.Source == "mail")
        {
            // Each attachment of an allowed type becomes a document of its own, next to the mail.
            foreach (var attachment in await MailIngest.StoreAttachmentsAsync(blobs, item, settings, ct))
            {
                documents.Add(new(request.FileId, request.ProcedureId, documentType, attachment.Name, "mail", attachment.ContentType, attachment.Blob,
                    PaperOriginal: false, InboxItemId: item.Id));
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // The file stays active until commit: a hand-over that came first is seen here, one that comes later waits
        // and takes these documents along (Features/Transfer).
        if (!(await DocumentWriter.LockActiveFilesAsync(db, [request.FileId], ct)).Contains(request.FileId))
        {
            throw FileReadOnly(request.FileId);
        }

        // Only one caseworker wins when two click at the same time.
        var claimed = await db.InboxItems.Where(i => i.Id == id && i.Status == "open").ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, "assigned").SetProperty(i => i.AssignedFileId, request.FileId)
            .SetProperty(i => i.AssignedBy, actor).SetProperty(i => i.AssignedAt, now), ct);
        if (claimed == 0)
        {
            throw Conflict();
        }

        var created = documents.Select(d => DocumentWriter.Add(db, d, actor, now)).ToList();
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(audit, new AuditEntry("inbox.assign", "casefile", request.FileId.ToString(),
            $"inbox {id}, {created.Count} document(s)", PersonalData: true), ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>Closes an open item without a file (spam, duplicate); audited.</summary>
    internal static async Task DiscardAsync(CasesDbContext db, IAuditTrail audit, Guid id, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await FindAsync(db, id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.InboxItems.Where(i => i.Id == id && i.Status == "open").ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, "discarded").SetProperty(i => i.AssignedBy, actor).SetProperty(i => i.AssignedAt, now), ct);
        if (changed == 0)
        {
            throw Conflict();
        }

        await db.AuditAsync(audit, new AuditEntry("inbox.discard", "inbox", id.ToString()), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>An inbox item's bytes (the PDF, image or .eml as it came), the read recorded first.</summary>
    internal static async Task<(Stream Content, string ContentType)> OpenContentAsync(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, Guid id, string? details,
        CancellationToken ct)
    {
        await FindAsync(db, id, ct);
        await audit.RecordAsync(new AuditEntry("inbox.content", "inbox", id.ToString(), details, PersonalData: true), ct);
        return await OpenRecordedContentAsync(db, blobs, id, ct);
    }

    /// <summary>
    /// An inbox item's bytes for a viewing whose read is already recorded (the workbench's item page, proved by its
    /// marker, Pages/Workbench/ViewerMarker). Everything else uses <see cref="OpenContentAsync"/>.
    /// </summary>
    internal static async Task<(Stream Content, string ContentType)> OpenRecordedContentAsync(CasesDbContext db, IBlobStore blobs, Guid id, CancellationToken ct)
    {
        var item = await FindAsync(db, id, ct);
        return (await blobs.OpenReadAsync(item.Sha256, ct), item.ContentType);
    }

    internal static async Task<InboxItem> FindAsync(CasesDbContext db, Guid id, CancellationToken ct) =>
        await db.InboxItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
        ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.inbox"), id.ToString());

    private static SaasProblemException FileReadOnly(Guid fileId) =>
        new(StatusCodes.Status409Conflict, "file-read-only",
            new LocalizedText("problem.file-read-only.inbox"), fileId.ToString());

    private static SaasProblemException Conflict() =>
        new(StatusCodes.Status409Conflict, "inbox-item-closed",
            new LocalizedText("problem.inbox-item-closed"), null);

    internal static object View(InboxItem i) => new
    {
        i.Id, i.Source, i.Status, i.Reason, i.Title, i.ContentType, i.Pages, i.BatchId, i.MailFrom, i.MailSubject, i.MailDate, i.ReceivedAt,
        i.AssignedFileId, i.AssignedBy, i.AssignedAt, i.ResponsibleCaseworkers,
        Suggestions = JsonSerializer.Deserialize<JsonElement>(i.Suggestions),
    };
}

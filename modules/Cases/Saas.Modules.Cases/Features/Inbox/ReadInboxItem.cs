namespace Saas.Modules.Cases.Features.Inbox;

internal sealed record ReadInboxItemRequest(Guid Id, string Via);

/// <summary>One inbox item with its text, the read recorded first (<c>inbox.read</c>): a person's mail or scan is personal data.</summary>
internal sealed class ReadInboxItem(CasesDbContext db, IAuditTrail audit)
{
    public async Task<InboxItem> ExecuteAsync(ReadInboxItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await FindAsync(db, request.Id, ct);
        await audit.RecordAsync(new AuditEntry("inbox.read", "inbox", request.Id.ToString(), "via " + request.Via, PersonalData: true), ct);
        return item;
    }

    /// <summary>The item without recording a read (for a use case that records its own action).</summary>
    internal static async Task<InboxItem> FindAsync(CasesDbContext db, Guid id, CancellationToken ct) =>
        await db.InboxItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw CasesProblems.InboxItemNotFound(id);

    /// <summary>The parts a split item was cut into, in page order (shown with the item; its read covers them).</summary>
    internal static async Task<IReadOnlyList<InboxItem>> PartsAsync(CasesDbContext db, Guid id, CancellationToken ct) =>
        [.. (await db.InboxItems.AsNoTracking().Where(i => i.SplitFromId == id).ToListAsync(ct)).OrderBy(i => FirstPage(i.SplitPages))];

    private static int FirstPage(string? pages) =>
        int.TryParse((pages ?? "").Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) ? first : int.MaxValue;
}

internal sealed record OpenInboxContentRequest(Guid Id, string Via, bool ReadAlreadyRecorded = false);

internal sealed record InboxContent(Stream Content, string ContentType, string Title);

/// <summary>
/// An inbox item's bytes (the PDF, image or .eml as it came), the read recorded first (<c>inbox.content</c>) — unless
/// the workbench's item page recorded this viewing already and its frame proves it (Pages/Workbench/ViewerMarker).
/// </summary>
internal sealed class OpenInboxContent(CasesDbContext db, IBlobStore blobs, IAuditTrail audit)
{
    public async Task<InboxContent> ExecuteAsync(OpenInboxContentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await ReadInboxItem.FindAsync(db, request.Id, ct);
        if (!request.ReadAlreadyRecorded)
        {
            await audit.RecordAsync(new AuditEntry("inbox.content", "inbox", request.Id.ToString(), "via " + request.Via, PersonalData: true), ct);
        }

        return new InboxContent(await blobs.OpenReadAsync(item.Sha256, ct), item.ContentType, item.Title);
    }
}

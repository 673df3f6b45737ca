using Saas.Platform.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>Something that arrived and could not be routed to a file on its own: a mail, or scans without a usable cover sheet.</summary>
internal sealed class InboxItem : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    /// <summary><c>mail</c> or <c>scan</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>An <see cref="InboxItemStatus"/>; changed only by <see cref="AssignTo"/> and <see cref="Discard"/>.</summary>
    public string Status { get; private set; } = InboxItemStatus.Open;

    public string Reason { get; set; } = "";

    public string Title { get; set; } = "";

    public string ContentType { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public int? Pages { get; set; }

    public Guid? BatchId { get; set; }

    public string? MailFrom { get; set; }

    public string? MailSubject { get; set; }

    public DateTimeOffset? MailDate { get; set; }

    public string Text { get; set; } = "";

    public string Suggestions { get; set; } = "[]";

    /// <summary>Who is responsible by the surname ranges (the best suggestion's surname); empty when nobody is.</summary>
    public List<string> ResponsibleCaseworkers { get; set; } = [];

    public DateTimeOffset ReceivedAt { get; set; }

    public Guid? AssignedFileId { get; private set; }

    /// <summary>The case (Vorgang) the filing put the documents into, if any: an undo checks they are still there.</summary>
    public Guid? AssignedCaseId { get; private set; }

    /// <summary>The item this one is a part of (<see cref="Split"/>); its parts name it here.</summary>
    public Guid? SplitFromId { get; set; }

    /// <summary>The pages of <see cref="SplitFromId"/> this part holds, as the caseworker wrote them ("4-7").</summary>
    public string? SplitPages { get; set; }

    public string? AssignedBy { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>PostgreSQL's row version (xmin): two caseworkers acting on one item cannot both win (docs/adr/0012).</summary>
    public uint Version { get; private set; }

    public bool IsOpen => Status == InboxItemStatus.Open;

    /// <summary>The item goes into a file; its documents are created by the caller in the same unit of work.</summary>
    public void AssignTo(Guid fileId, string actor, DateTimeOffset now, Guid? caseId = null)
    {
        InboxItemStatus.EnsureCanBecome(Status, InboxItemStatus.Assigned);
        Status = InboxItemStatus.Assigned;
        AssignedFileId = fileId;
        AssignedCaseId = caseId;
        AssignedBy = actor;
        AssignedAt = now;
    }

    /// <summary>Closed without a file (spam, duplicate, misdirected).</summary>
    public void Discard(string actor, DateTimeOffset now)
    {
        InboxItemStatus.EnsureCanBecome(Status, InboxItemStatus.Discarded);
        Status = InboxItemStatus.Discarded;
        AssignedBy = actor;
        AssignedAt = now;
    }

    /// <summary>Its pages went into new items (<see cref="SplitFromId"/> names this one); the item itself is done.</summary>
    public void Split(string actor, DateTimeOffset now)
    {
        InboxItemStatus.EnsureCanBecome(Status, InboxItemStatus.Split);
        Status = InboxItemStatus.Split;
        AssignedBy = actor;
        AssignedAt = now;
    }

    /// <summary>
    /// A filing or a discard taken back: the item is open again. The caller withdraws the filing's documents in the
    /// same unit of work; who undid it and when is in the audit trail, as who filed it is.
    /// </summary>
    public void Reopen()
    {
        if (!InboxItemStatus.CanBecome(Status, InboxItemStatus.Open))
        {
            throw CasesProblems.InboxItemNotUndoable(Status);
        }

        Status = InboxItemStatus.Open;
        AssignedFileId = null;
        AssignedCaseId = null;
        AssignedBy = null;
        AssignedAt = null;
    }
}

/// <summary>
/// The way of an inbox item: open → assigned | discarded | split. A filing or a discard can be taken back (→ open,
/// UndoInboxFiling, UndoInboxDiscard); a split is final (its parts are items of their own).
/// </summary>
internal static class InboxItemStatus
{
    public const string Open = "open";
    public const string Assigned = "assigned";
    public const string Discarded = "discarded";
    public const string Split = "split";

    public static IReadOnlyList<string> All { get; } = [Open, Assigned, Discarded, Split];

    private static readonly Transitions Moves = new((Open, [Assigned, Discarded, Split]), (Assigned, [Open]), (Discarded, [Open]), (Split, []));

    public static bool CanBecome(string from, string to) => Moves.Allows(from, to);

    /// <summary>The 409 for an item that is no longer open.</summary>
    public static void EnsureCanBecome(string from, string to)
    {
        if (!CanBecome(from, to))
        {
            throw CasesProblems.InboxItemClosed();
        }
    }

    /// <summary>The status as people read it (texts <c>cases.inbox.status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.inbox.status." + status);

    /// <summary>The status a request names, or a 400 naming the parameter.</summary>
    public static string Parse(string? value, string parameter) =>
        value is null ? Open
        : All.Contains(value, StringComparer.Ordinal) ? value
        : throw CasesProblems.InvalidInboxStatus(parameter);
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("inbox_items", "cases");
        builder.Property(i => i.Suggestions).HasColumnType("jsonb");
        builder.Property(i => i.Version).IsRowVersion();
    }
}

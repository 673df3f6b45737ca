using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Domain;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>A retention deletion run: proposed by one person, approved by another, then executed (or cancelled before).</summary>
internal sealed class DeletionRun : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    /// <summary>A <see cref="DeletionRunStatus"/>; changed only by the methods below.</summary>
    public string Status { get; private set; } = DeletionRunStatus.Proposed;

    public DateTimeOffset AsOf { get; set; }

    public int Documents { get; set; }

    public int HeldBack { get; set; }

    public string ProposedBy { get; set; } = "";

    public DateTimeOffset ProposedAt { get; set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? ExecutedAt { get; private set; }

    public int? Deleted { get; private set; }

    /// <summary>PostgreSQL's row version (xmin): two admins approving, cancelling or executing at once cannot both win.</summary>
    public uint Version { get; private set; }

    /// <summary>The second person's approval; the proposer cannot approve their own run.</summary>
    public void Approve(string actor, DateTimeOffset now)
    {
        DeletionRunStatus.EnsureCanBecome(this, DeletionRunStatus.Approved);
        if (ProposedBy == actor)
        {
            throw CasesProblems.SecondPersonRequired(actor);
        }

        Status = DeletionRunStatus.Approved;
        ApprovedBy = actor;
        ApprovedAt = now;
    }

    public void Cancel()
    {
        DeletionRunStatus.EnsureCanBecome(this, DeletionRunStatus.Cancelled);
        Status = DeletionRunStatus.Cancelled;
    }

    public void Executed(int deleted, DateTimeOffset now)
    {
        DeletionRunStatus.EnsureCanBecome(this, DeletionRunStatus.Executed);
        Status = DeletionRunStatus.Executed;
        ExecutedAt = now;
        Deleted = deleted;
    }
}

/// <summary>The way of a deletion run: proposed → approved → executed; proposed or approved → cancelled. Executed and cancelled are final.</summary>
internal static class DeletionRunStatus
{
    public const string Proposed = "proposed";
    public const string Approved = "approved";
    public const string Executed = "executed";
    public const string Cancelled = "cancelled";

    private static readonly Transitions Moves = new(
        (Proposed, [Approved, Cancelled]), (Approved, [Executed, Cancelled]), (Executed, []), (Cancelled, []));

    public static IEnumerable<string> All => Moves.States;

    public static bool CanBecome(string from, string to) => Moves.Allows(from, to);

    /// <summary>The 409 naming the run's status and the one the step needs, both in the reader's language.</summary>
    public static void EnsureCanBecome(DeletionRun run, string to)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!CanBecome(run.Status, to))
        {
            throw CasesProblems.DeletionRunState(run.Id, run.Status, to == Cancelled ? Proposed : to == Executed ? Approved : Proposed);
        }
    }

    /// <summary>The status as people read it (texts <c>cases.retention.status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.retention.status." + status);
}

/// <summary>A document in a deletion run's report, and what became of it (<c>deleted</c>, <c>held</c>, <c>gone</c>).</summary>
internal sealed class DeletionRunItem : ITenantOwned
{
    public const string DeletedOutcome = "deleted";
    public const string HeldOutcome = "held";
    public const string GoneOutcome = "gone";

    public Guid TenantId { get; set; }

    public Guid RunId { get; set; }

    public Guid DocumentId { get; set; }

    public Guid CaseFileId { get; set; }

    public string FileNumber { get; set; } = "";

    public string DocumentType { get; set; } = "";

    public string Title { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string Rule { get; set; } = "";

    public DateOnly DueAt { get; set; }

    public string? Outcome { get; set; }
}

internal sealed class DeletionRunConfiguration : IEntityTypeConfiguration<DeletionRun>
{
    public void Configure(EntityTypeBuilder<DeletionRun> builder)
    {
        builder.ToTable("deletion_runs", "cases");
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class DeletionRunItemConfiguration : IEntityTypeConfiguration<DeletionRunItem>
{
    public void Configure(EntityTypeBuilder<DeletionRunItem> builder)
    {
        builder.ToTable("deletion_run_items", "cases");
        builder.HasKey(i => new { i.RunId, i.DocumentId });
    }
}

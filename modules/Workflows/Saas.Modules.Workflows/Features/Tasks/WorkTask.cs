using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>
/// A piece of work on a case: given by the state the case entered (closed when it leaves), or raised by a deadline's
/// escalation. It sits in a unit's queue until someone takes it (<see cref="Assignee"/>).
/// </summary>
internal sealed class WorkTask : ITenantOwned
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Cancelled = "cancelled";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public Guid CaseId { get; set; }

    public Guid CaseFileId { get; set; }

    public string Key { get; set; } = "";

    public string State { get; set; } = "";

    public string? DeadlineKey { get; set; }

    public string? Unit { get; set; }

    public string? Specialisation { get; set; }

    public string? Assignee { get; set; }

    public DateOnly? DueOn { get; set; }

    public string Status { get; set; } = Open;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>When <see cref="Assignee"/> took it (claim or reassignment); null while it waits in its unit's queue.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>The unit it was in before a task force took it over (<see cref="MoveToTaskForce"/>).</summary>
    public string? MovedFromUnit { get; set; }

    /// <summary>Given by a deadline's escalation (a reminder), not by the state: closed by hand, not by a transition.</summary>
    public bool IsEscalation => DeadlineKey is not null;

    public void Close(string status, string by, DateTimeOffset now)
    {
        Status = status;
        ClosedBy = by;
        ClosedAt = now;
    }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.ToTable("tasks", "workflows");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.TenantId).HasColumnName("tenant_id");
        builder.Property(t => t.InstanceId).HasColumnName("instance_id");
        builder.Property(t => t.CaseId).HasColumnName("case_id");
        builder.Property(t => t.CaseFileId).HasColumnName("case_file_id");
        builder.Property(t => t.Key).HasColumnName("key");
        builder.Property(t => t.State).HasColumnName("state");
        builder.Property(t => t.DeadlineKey).HasColumnName("deadline_key");
        builder.Property(t => t.Unit).HasColumnName("unit");
        builder.Property(t => t.Specialisation).HasColumnName("specialisation");
        builder.Property(t => t.Assignee).HasColumnName("assignee");
        builder.Property(t => t.DueOn).HasColumnName("due_on");
        builder.Property(t => t.Status).HasColumnName("status");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ClosedAt).HasColumnName("closed_at");
        builder.Property(t => t.ClosedBy).HasColumnName("closed_by");
        builder.Property(t => t.ClaimedAt).HasColumnName("claimed_at");
        builder.Property(t => t.MovedFromUnit).HasColumnName("moved_from_unit");
        builder.Ignore(t => t.IsEscalation);
    }
}

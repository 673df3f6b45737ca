using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Workflows.Features.Deadlines;

/// <summary>A running (or ended) deadline of a case's process; at most one running per key and case (a unique index).</summary>
internal sealed class DeadlineRecord : ITenantOwned
{
    public const string Running = "running";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public string Key { get; set; } = "";

    public DateOnly StartedOn { get; set; }

    public DateOnly DueOn { get; set; }

    public string Status { get; set; } = Running;

    public int Escalated { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

internal sealed class DeadlineRecordConfiguration : IEntityTypeConfiguration<DeadlineRecord>
{
    public void Configure(EntityTypeBuilder<DeadlineRecord> builder)
    {
        builder.ToTable("deadlines", "workflows");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id");
        builder.Property(d => d.TenantId).HasColumnName("tenant_id");
        builder.Property(d => d.InstanceId).HasColumnName("instance_id");
        builder.Property(d => d.Key).HasColumnName("key");
        builder.Property(d => d.StartedOn).HasColumnName("started_on");
        builder.Property(d => d.DueOn).HasColumnName("due_on");
        builder.Property(d => d.Status).HasColumnName("status");
        builder.Property(d => d.Escalated).HasColumnName("escalated");
        builder.Property(d => d.ClosedAt).HasColumnName("closed_at");
    }
}

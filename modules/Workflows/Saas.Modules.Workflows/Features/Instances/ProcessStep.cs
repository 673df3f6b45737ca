using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>What happened in a case's process, in order: started, a transition taken, proposed for co-signing, moved to a newer version, escalated, an action's result.</summary>
internal sealed class ProcessStep : ITenantOwned
{
    public const string Start = "start";
    public const string Transition = "transition";
    public const string Proposal = "proposal";
    public const string Migration = "migration";
    public const string Escalation = "escalation";
    public const string Action = "action";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public long Seq { get; private set; }

    public string Kind { get; set; } = "";

    public string? TransitionKey { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public int ProcessVersion { get; set; }

    /// <summary>The step's particulars as JSON (inputs, the letter's document, the deadline).</summary>
    public string Detail { get; set; } = "{}";

    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";
}

internal sealed class ProcessStepConfiguration : IEntityTypeConfiguration<ProcessStep>
{
    public void Configure(EntityTypeBuilder<ProcessStep> builder)
    {
        builder.ToTable("steps", "workflows");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.TenantId).HasColumnName("tenant_id");
        builder.Property(s => s.InstanceId).HasColumnName("instance_id");
        builder.Property(s => s.Seq).HasColumnName("seq").ValueGeneratedOnAdd();
        builder.Property(s => s.Kind).HasColumnName("kind");
        builder.Property(s => s.TransitionKey).HasColumnName("transition");
        builder.Property(s => s.FromState).HasColumnName("from_state");
        builder.Property(s => s.ToState).HasColumnName("to_state");
        builder.Property(s => s.ProcessVersion).HasColumnName("process_version");
        builder.Property(s => s.Detail).HasColumnName("detail").HasColumnType("jsonb");
        builder.Property(s => s.At).HasColumnName("at");
        builder.Property(s => s.By).HasColumnName("by");
    }
}

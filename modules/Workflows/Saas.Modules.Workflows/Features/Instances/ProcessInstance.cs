using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>
/// A case's run through a process: the version it started with, where it stands, the values of the process's
/// variables. Its state changes only through <see cref="MoveTo"/>; the row version decides between two caseworkers
/// acting at once (docs/adr/0012).
/// </summary>
internal sealed class ProcessInstance : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseId { get; set; }

    public Guid CaseFileId { get; set; }

    public string ProcessKey { get; set; } = "";

    public int ProcessVersion { get; set; }

    public string State { get; set; } = "";

    public string? LegalBasis { get; set; }

    /// <summary>The declared variables' values as JSON (jsonb), e.g. <c>{"entscheidung.gueltigBis": "2028-01-31"}</c>.</summary>
    public string Data { get; set; } = "{}";

    public DateTimeOffset StartedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public DateTimeOffset StateEnteredAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? PendingTransition { get; set; }

    public string? PendingBy { get; set; }

    public string? PendingInputs { get; set; }

    public JsonObject Variables() => JsonNode.Parse(Data) as JsonObject ?? [];

    /// <summary>Row version (PostgreSQL's xmin): of two transitions taken at once, one wins.</summary>
    public uint RowVersion { get; private set; }

    public bool IsFinished => FinishedAt is not null;

    /// <summary>The task force that took the case over (docs/adr/0026), or null.</summary>
    public string? TaskForceUnit { get; set; }

    /// <summary>The units whose tasks the task force took; the case's next tasks for them go to the task force.</summary>
    public List<string> TaskForceReplaces { get; set; } = [];

    /// <summary>
    /// Where a new task of the case goes: the unit the process names, unless a task force took the case over from that
    /// unit (or the task names none), then the task force's. The unit it would have gone to is the second value, when moved.
    /// </summary>
    public (string? Unit, string? MovedFrom) UnitFor(string? named) =>
        TaskForceUnit is { } force && named != force && (named is null || TaskForceReplaces.Contains(named, StringComparer.Ordinal))
            ? (force, named)
            : (named, null);

    public void MoveTo(string state, bool final, DateTimeOffset now)
    {
        State = state;
        StateEnteredAt = now;
        PendingTransition = null;
        PendingBy = null;
        PendingInputs = null;
        FinishedAt = final ? now : null;
    }
}

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstance>
{
    public void Configure(EntityTypeBuilder<ProcessInstance> builder)
    {
        builder.ToTable("instances", "workflows");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("id");
        builder.Property(i => i.TenantId).HasColumnName("tenant_id");
        builder.Property(i => i.CaseId).HasColumnName("case_id");
        builder.Property(i => i.CaseFileId).HasColumnName("case_file_id");
        builder.Property(i => i.ProcessKey).HasColumnName("process_key");
        builder.Property(i => i.ProcessVersion).HasColumnName("process_version");
        builder.Property(i => i.State).HasColumnName("state");
        builder.Property(i => i.LegalBasis).HasColumnName("legal_basis");
        builder.Property(i => i.Data).HasColumnName("data").HasColumnType("jsonb");
        builder.Property(i => i.StartedAt).HasColumnName("started_at");
        builder.Property(i => i.StartedBy).HasColumnName("started_by");
        builder.Property(i => i.StateEnteredAt).HasColumnName("state_entered_at");
        builder.Property(i => i.FinishedAt).HasColumnName("finished_at");
        builder.Property(i => i.PendingTransition).HasColumnName("pending_transition");
        builder.Property(i => i.PendingBy).HasColumnName("pending_by");
        builder.Property(i => i.PendingInputs).HasColumnName("pending_inputs").HasColumnType("jsonb");
        builder.Property(i => i.TaskForceUnit).HasColumnName("task_force_unit");
        builder.Property(i => i.TaskForceReplaces).HasColumnName("task_force_replaces");
        builder.Property(i => i.RowVersion).IsRowVersion();
    }
}


using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.Retention;

/// <summary>A legal hold: while it is not released, nothing in the file is deleted (litigation, pending request, prosecution).</summary>
internal sealed class LegalHold : ITenantOwned
{
    /// <summary>The longest reason a hold may give.</summary>
    public const int MaxReasonLength = 1000;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Set once by <see cref="Release"/>; a released hold stays as the record that it was there.</summary>
    public DateTimeOffset? ReleasedAt { get; private set; }

    public string? ReleasedBy { get; private set; }

    /// <summary>PostgreSQL's row version (xmin): of two people releasing the same hold, one wins, the other gets 409.</summary>
    public uint Version { get; private set; }

    public bool IsActive => ReleasedAt is null;

    public void Release(string actor, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw CasesProblems.LegalHoldReleased(Id);
        }

        ReleasedAt = now;
        ReleasedBy = actor;
    }
}

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        builder.ToTable("legal_holds", "cases");
        builder.Property(h => h.Version).IsRowVersion();
    }
}

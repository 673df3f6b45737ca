using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A box of paper files sent to the scanning company (status: see <see cref="BoxLifecycle"/>, changed only by its methods).</summary>
internal sealed class LegacyBox : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    /// <summary>The box number written on the box; unique per authority.</summary>
    public string Label { get; set; } = "";

    /// <summary>The scanning company.</summary>
    public string? Vendor { get; private set; }

    /// <summary>A <see cref="BoxLifecycle"/> status; a concurrency token, so that two changes from one status cannot both win.</summary>
    public string Status { get; private set; } = BoxLifecycle.Packed;

    public DateTimeOffset PackedAt { get; set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? ReturnedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>The box went to the scanning company (again, after a rejection).</summary>
    public void Send(string vendor, DateTimeOffset at)
    {
        BoxLifecycle.EnsureCanMove(this, BoxLifecycle.Sent);
        Vendor = vendor;
        SentAt = at;
        Status = BoxLifecycle.Sent;
    }

    /// <summary>The paper came back.</summary>
    public void Return(DateTimeOffset at)
    {
        BoxLifecycle.EnsureCanMove(this, BoxLifecycle.Returned);
        ReturnedAt = at;
        Status = BoxLifecycle.Returned;
    }

    /// <summary>Its scans were imported and wait for the check.</summary>
    public void StartQa()
    {
        BoxLifecycle.EnsureCanMove(this, BoxLifecycle.InQa);
        Status = BoxLifecycle.InQa;
    }

    /// <summary>Set by the quality check only.</summary>
    public void Accept(DateTimeOffset at)
    {
        BoxLifecycle.EnsureCanMove(this, BoxLifecycle.Accepted);
        Status = BoxLifecycle.Accepted;
        AcceptedAt = at;
    }

    /// <summary>Set by the quality check only: the box goes back to the scanning company with the reason.</summary>
    public void Reject(string reason, DateTimeOffset at)
    {
        BoxLifecycle.EnsureCanMove(this, BoxLifecycle.Rejected);
        Status = BoxLifecycle.Rejected;
        RejectedAt = at;
        RejectionReason = reason;
    }
}

/// <summary>A file in a box. <see cref="Open"/> until the box is accepted: a file is in at most one open box.</summary>
internal sealed class LegacyBoxFile : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BoxId { get; set; }

    public Guid CaseFileId { get; set; }

    public int? Sheets { get; set; }

    public bool Open { get; set; } = true;
}

internal sealed class LegacyBoxConfiguration : IEntityTypeConfiguration<LegacyBox>
{
    public void Configure(EntityTypeBuilder<LegacyBox> builder)
    {
        builder.ToTable("legacy_boxes", "cases");
        // Status changes are guarded: a change based on a status another request has changed meanwhile fails.
        builder.Property(b => b.Status).IsConcurrencyToken();
    }
}

internal sealed class LegacyBoxFileConfiguration : IEntityTypeConfiguration<LegacyBoxFile>
{
    public void Configure(EntityTypeBuilder<LegacyBoxFile> builder)
    {
        builder.ToTable("legacy_box_files", "cases");
        builder.HasKey(f => new { f.BoxId, f.CaseFileId });
        // The relationships tell EF the order of inserts (box before its files).
        builder.HasOne<LegacyBox>().WithMany().HasForeignKey(f => f.BoxId);
        builder.HasOne<CaseFile>().WithMany().HasForeignKey(f => f.CaseFileId);
    }
}

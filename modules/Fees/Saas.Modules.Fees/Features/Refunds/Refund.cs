using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Modules.Fees.Features.Payments;

namespace Saas.Modules.Fees.Features.Refunds;

/// <summary>
/// A refund of a paid payment (docs/adr/0030): asked for with a reason, at most the paid amount less earlier refunds,
/// and approved by a second person. Only an approved refund counts in the reconciliation; the money itself is paid
/// back by the treasury (XBezahldienste publishes no refund call).
/// </summary>
internal sealed class Refund : ITenantOwned
{
    public const string Requested = "requested";
    public const string Approved = "approved";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid PaymentId { get; set; }

    public decimal Amount { get; set; }

    public string Reason { get; set; } = "";

    public string Status { get; set; } = Requested;

    public string RequestedBy { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The second person approves; the one who asked cannot, and a decided refund stays decided.</summary>
    public void Approve(string actor, DateTimeOffset now)
    {
        if (Status != Requested)
        {
            throw FeesProblems.RefundDecided(Id);
        }

        if (string.Equals(actor, RequestedBy, StringComparison.Ordinal))
        {
            throw FeesProblems.RefundSamePerson(Id);
        }

        Status = Approved;
        ApprovedBy = actor;
        ApprovedAt = now;
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds", "fees");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property(r => r.TenantId).HasColumnName("tenant_id");
        builder.Property(r => r.PaymentId).HasColumnName("payment_id");
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId);
        builder.Property(r => r.Amount).HasColumnName("amount");
        builder.Property(r => r.Reason).HasColumnName("reason");
        builder.Property(r => r.Status).HasColumnName("status");
        builder.Property(r => r.RequestedBy).HasColumnName("requested_by");
        builder.Property(r => r.RequestedAt).HasColumnName("requested_at");
        builder.Property(r => r.ApprovedBy).HasColumnName("approved_by");
        builder.Property(r => r.ApprovedAt).HasColumnName("approved_at");
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>
/// A payment of a stored calculation (docs/adr/0030): its amount is the calculation's; the request id is derived from
/// the calculation and the attempt, so a repeated start finds the same transaction; the status is the provider's, as
/// last polled, and only moves forward.
/// </summary>
internal sealed class Payment : ITenantOwned
{
    public const string Online = "online";

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CalculationId { get; set; }

    public Guid CaseId { get; set; }

    public string Tariff { get; set; } = "";

    public int Attempt { get; set; }

    public string RequestId { get; set; } = "";

    /// <summary><c>online</c> for the provider, else the cash desk's location (counter payments).</summary>
    public string Location { get; set; } = Online;

    public string OriginatorId { get; set; } = "";

    public string EndPointId { get; set; } = "";

    public string TransactionId { get; set; } = "";

    /// <summary>The Kassenzeichen the provider gave (<c>transactionReference</c>).</summary>
    public string? TransactionReference { get; set; }

    public string? PayUrl { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "EUR";

    public string Purpose { get; set; } = "";

    public PaymentStatus Status { get; set; } = PaymentStatus.Initial;

    public string? PaymentMethod { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? PolledAt { get; set; }

    /// <summary>When it became final (paid, failed or cancelled).</summary>
    public DateTimeOffset? SettledAt { get; set; }
}

/// <summary>What happened to a payment: created, a status the provider answered, or an answer that was refused (and why).</summary>
internal sealed class PaymentEvent : ITenantOwned
{
    public const string Created = "created";
    public const string StatusChanged = "status";
    public const string Refused = "refused";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid PaymentId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Kind { get; set; } = "";

    public string? FromStatus { get; set; }

    public string? ToStatus { get; set; }

    public string? Detail { get; set; }

    public string Actor { get; set; } = "";
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments", "fees");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property(p => p.TenantId).HasColumnName("tenant_id");
        builder.Property(p => p.CalculationId).HasColumnName("calculation_id");
        builder.Property(p => p.CaseId).HasColumnName("case_id");
        builder.Property(p => p.Tariff).HasColumnName("tariff");
        builder.Property(p => p.Attempt).HasColumnName("attempt");
        builder.Property(p => p.RequestId).HasColumnName("request_id");
        builder.Property(p => p.Location).HasColumnName("location");
        builder.Property(p => p.OriginatorId).HasColumnName("originator_id");
        builder.Property(p => p.EndPointId).HasColumnName("end_point_id");
        builder.Property(p => p.TransactionId).HasColumnName("transaction_id");
        builder.Property(p => p.TransactionReference).HasColumnName("transaction_reference");
        builder.Property(p => p.PayUrl).HasColumnName("pay_url");
        builder.Property(p => p.Amount).HasColumnName("amount");
        builder.Property(p => p.Currency).HasColumnName("currency");
        builder.Property(p => p.Purpose).HasColumnName("purpose");
        builder.Property(p => p.Status).HasColumnName("status").HasConversion(s => s.Value, v => PaymentStatus.Parse(v));
        builder.Property(p => p.PaymentMethod).HasColumnName("payment_method");
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.CreatedBy).HasColumnName("created_by");
        builder.Property(p => p.PolledAt).HasColumnName("polled_at");
        builder.Property(p => p.SettledAt).HasColumnName("settled_at");
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("payment_events", "fees");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.Property(e => e.PaymentId).HasColumnName("payment_id");
        // The foreign key of the table, known to EF so that a payment is inserted before its first event.
        builder.HasOne<Payment>().WithMany().HasForeignKey(e => e.PaymentId);
        builder.Property(e => e.At).HasColumnName("at");
        builder.Property(e => e.Kind).HasColumnName("kind");
        builder.Property(e => e.FromStatus).HasColumnName("from_status");
        builder.Property(e => e.ToStatus).HasColumnName("to_status");
        builder.Property(e => e.Detail).HasColumnName("detail");
        builder.Property(e => e.Actor).HasColumnName("actor");
    }
}

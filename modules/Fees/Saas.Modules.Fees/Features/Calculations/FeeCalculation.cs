using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Fees.Features.Calculations;

/// <summary>A fee calculated for a case, stored as it was shown (its lines with their German and English explanations).</summary>
internal sealed class FeeCalculation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseId { get; set; }

    public string Tariff { get; set; } = "";

    public DateOnly OnDate { get; set; }

    /// <summary>The facts as JSON (<see cref="FeeFacts"/>).</summary>
    public string Facts { get; set; } = "{}";

    /// <summary>The lines as JSON (<see cref="FeeQuoteLine"/>[]).</summary>
    public string Lines { get; set; } = "[]";

    public string[] Schedules { get; set; } = [];

    public decimal Total { get; set; }

    public string Currency { get; set; } = "EUR";

    public bool Confirmed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

internal sealed class FeeCalculationConfiguration : IEntityTypeConfiguration<FeeCalculation>
{
    public void Configure(EntityTypeBuilder<FeeCalculation> builder)
    {
        builder.ToTable("calculations", "fees");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.TenantId).HasColumnName("tenant_id");
        builder.Property(c => c.CaseId).HasColumnName("case_id");
        builder.Property(c => c.Tariff).HasColumnName("tariff");
        builder.Property(c => c.OnDate).HasColumnName("on_date");
        builder.Property(c => c.Facts).HasColumnName("facts").HasColumnType("jsonb");
        builder.Property(c => c.Lines).HasColumnName("lines").HasColumnType("jsonb");
        builder.Property(c => c.Schedules).HasColumnName("schedules");
        builder.Property(c => c.Total).HasColumnName("total");
        builder.Property(c => c.Currency).HasColumnName("currency");
        builder.Property(c => c.Confirmed).HasColumnName("confirmed");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.CreatedBy).HasColumnName("created_by");
    }
}

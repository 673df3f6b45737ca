using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>An eAT card ordered by a process's <c>order-card</c> action (the order itself goes out as <c>ResidenceCardOrdered</c>).</summary>
internal sealed class CardOrder : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public Guid CaseFileId { get; set; }

    public DateTimeOffset OrderedAt { get; set; }

    public string OrderedBy { get; set; } = "";
}

internal sealed class CardOrderConfiguration : IEntityTypeConfiguration<CardOrder>
{
    public void Configure(EntityTypeBuilder<CardOrder> builder)
    {
        builder.ToTable("card_orders", "workflows");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasColumnName("id");
        builder.Property(o => o.TenantId).HasColumnName("tenant_id");
        builder.Property(o => o.InstanceId).HasColumnName("instance_id");
        builder.Property(o => o.CaseFileId).HasColumnName("case_file_id");
        builder.Property(o => o.OrderedAt).HasColumnName("ordered_at");
        builder.Property(o => o.OrderedBy).HasColumnName("ordered_by");
    }
}

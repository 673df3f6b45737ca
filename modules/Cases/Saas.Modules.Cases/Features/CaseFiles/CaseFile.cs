using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases;

/// <summary>One person's file in one authority.</summary>
internal sealed partial class CaseFile : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string FileNumber { get; set; } = "";

    public string Surname { get; set; } = "";

    public string GivenNames { get; set; } = "";

    public DateOnly? BirthDate { get; set; }

    public List<string> Nationalities { get; set; } = [];

    public string? CentralRegisterNumber { get; set; }

    public List<string> NameVariants { get; set; } = [];

    public List<string> PhoneticCodes { get; set; } = [];

    public string SearchName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>When the person left the district or Germany; retention periods of AufenthV § 68 start then.</summary>
    public DateOnly? DepartedAt { get; set; }

    /// <summary>active, transferred (handed over to another authority) or deleted (retention).</summary>
    public string Status { get; set; } = "active";
}

/// <summary>The file's table; its row version and merge columns are configured beside them (CaseFileStatus.cs).</summary>
internal sealed class CaseFileTableConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> builder) => builder.ToTable("case_files", "cases");
}

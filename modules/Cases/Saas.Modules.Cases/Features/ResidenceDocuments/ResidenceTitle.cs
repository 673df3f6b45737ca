using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.ResidenceDocuments;

/// <summary>A residence title (Aufenthaltstitel) as issued: a record of a fact, never changed (docs/adr/0022).</summary>
internal sealed class ResidenceTitle : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    /// <summary>The case whose decision issued it, if recorded by one.</summary>
    public Guid? CaseId { get; set; }

    public string LegalBasis { get; set; } = "";

    public DateOnly ValidFrom { get; set; }

    /// <summary>None for a permanent title (settlement permit, § 9).</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>The eAT's card number (nine letters and digits).</summary>
    public string? CardNumber { get; set; }

    /// <summary>Nebenbestimmungen, e.g. "Erwerbstätigkeit erlaubt", "Wohnsitzauflage: Aachen".</summary>
    public List<string> Conditions { get; set; } = [];

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    public ResidenceTitleRecord ToRecord() => new(Id, CaseFileId, CaseId, LegalBasis, ValidFrom, ValidUntil, CardNumber, Conditions, RecordedAt, RecordedBy);
}

/// <summary>A passport (Pass, Reiseausweis) as shown: a record of a fact, never changed.</summary>
internal sealed class Passport : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public string Number { get; set; } = "";

    public string IssuingState { get; set; } = "";

    public DateOnly ValidUntil { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    public PassportRecord ToRecord() => new(Id, CaseFileId, Number, IssuingState, ValidUntil, RecordedAt, RecordedBy);
}

internal sealed class ResidenceTitleConfiguration : IEntityTypeConfiguration<ResidenceTitle>
{
    public void Configure(EntityTypeBuilder<ResidenceTitle> builder) => builder.ToTable("residence_titles", "cases");
}

internal sealed class PassportConfiguration : IEntityTypeConfiguration<Passport>
{
    public void Configure(EntityTypeBuilder<Passport> builder) => builder.ToTable("passports", "cases");
}

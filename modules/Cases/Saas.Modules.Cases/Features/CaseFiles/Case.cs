using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>
/// A case (Vorgang) in a file: an application and its decision. The e-Akte keeps the record; a process (module
/// Workflows) runs its lifecycle through <c>ICaseRecords</c> (docs/adr/0014).
/// </summary>
internal sealed class Case : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    /// <summary>What kind of case, e.g. <c>aufenthaltserlaubnis</c>, <c>einbuergerung</c>.</summary>
    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>A <see cref="CaseStatus"/>; changed only by <see cref="Close"/>.</summary>
    public string Status { get; set; } = CaseStatus.Open;

    /// <summary>How it ended (granted, refused, withdrawn, …); retention rules may name it.</summary>
    public string? Outcome { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Row version: two caseworkers closing the same case cannot both win.</summary>
    public uint Version { get; private set; }

    public bool IsOpen => Status == CaseStatus.Open;

    public void Close(string outcome, DateTimeOffset now)
    {
        if (!CaseStatus.CanBecome(Status, CaseStatus.Closed))
        {
            throw CasesProblems.CaseClosed(Id);
        }

        Status = CaseStatus.Closed;
        Outcome = outcome;
        ClosedAt = now;
    }
}

/// <summary>The way of a case as the e-Akte records it: open → closed (with an outcome). Closed is final.</summary>
internal static class CaseStatus
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static bool CanBecome(string from, string to) => from == Open && to == Closed;

    /// <summary>The status as people read it (texts <c>cases.case.status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.case.status." + status);
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("procedures", "cases"); // the landed table name (docs/adr/0014)
        builder.Property(c => c.Version).IsRowVersion();
    }
}

using Microsoft.EntityFrameworkCore;
using Saas.Platform.Data;

namespace Saas.Modules.Cases;

/// <summary>One person's file in one authority.</summary>
internal sealed class CaseFile : ITenantOwned
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

/// <summary>A case (Vorgang, procedure) inside a file: an application and its decision.</summary>
internal sealed class Procedure : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string Status { get; set; } = "open";

    public string? Outcome { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>An immutable document version in a file; its bytes live in the blob store under <see cref="Sha256"/>.</summary>
internal sealed class CaseDocument : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public Guid? ProcedureId { get; set; }

    public string DocumentType { get; set; } = "";

    public string Title { get; set; } = "";

    public string Source { get; set; } = "upload";

    public string ContentType { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public bool PaperOriginal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>The text of one page of a document (its tsvector is computed by PostgreSQL).</summary>
internal sealed class DocumentPage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public int Page { get; set; }

    public string Text { get; set; } = "";
}

internal sealed class CasesDbContext(DbContextOptions<CasesDbContext> options) : TenantDbContext(options)
{
    /// <summary>Records an audit event inside this context's open transaction.</summary>
    public Task AuditAsync(Saas.Platform.Audit.IAuditTrail audit, Saas.Platform.Audit.AuditEntry entry, CancellationToken ct) =>
        audit.RecordAsync(
            entry,
            (Npgsql.NpgsqlConnection)Database.GetDbConnection(),
            (Npgsql.NpgsqlTransaction)Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(Database.CurrentTransaction!),
            ct);

    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();

    public DbSet<CaseDocument> Documents => Set<CaseDocument>();

    public DbSet<Procedure> Procedures => Set<Procedure>();

    public DbSet<DocumentPage> Pages => Set<DocumentPage>();

    public DbSet<Features.Transfer.FileTransfer> Transfers => Set<Features.Transfer.FileTransfer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseFile>().ToTable("case_files", "cases");
        modelBuilder.Entity<CaseDocument>().ToTable("documents", "cases");
        modelBuilder.Entity<Procedure>().ToTable("procedures", "cases");
        modelBuilder.Entity<Features.Transfer.FileTransfer>().ToTable("transfers", "cases");
        modelBuilder.Entity<DocumentPage>(page =>
        {
            page.ToTable("document_pages", "cases");
            page.HasKey(p => new { p.DocumentId, p.Page });
        });
        modelBuilder.HasDbFunction(typeof(Features.PersonSearch.CasesSql).GetMethod(nameof(Features.PersonSearch.CasesSql.Similarity))!)
            .HasName("similarity").IsBuiltIn();
        base.OnModelCreating(modelBuilder);
    }
}

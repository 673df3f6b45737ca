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

/// <summary>An immutable document version in a file; its bytes live in the blob store under <see cref="Sha256"/>.</summary>
internal sealed partial class CaseDocument : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public Guid? CaseId { get; set; }

    public string DocumentType { get; set; } = "";

    public string Title { get; set; } = "";

    public string Source { get; set; } = "upload";

    public string ContentType { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Length { get; set; }

    public bool PaperOriginal { get; set; }

    public int? Pages { get; set; }

    /// <summary>The scan batch that brought it (scan center), if any.</summary>
    public Guid? BatchId { get; set; }

    /// <summary>The inbox item it was assigned from (mail, unrouted scan), if any.</summary>
    public Guid? InboxItemId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Row version (xmin): of two caseworkers changing its details or moving it at once, one wins (Features/Documents).</summary>
    public uint Version { get; private set; }
}

/// <summary>Where text extraction of a document stands (pending, done, failed), visible and retryable.</summary>
internal sealed class TextExtraction : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public string Status { get; set; } = "pending";

    public int Attempts { get; set; }

    public int? Pages { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The text of one page of a document (its search vector is kept in cases.page_vectors by triggers, migration 0013).</summary>
internal sealed class DocumentPage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public int Page { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>
/// The e-Akte's tables. Each feature declares its own entities, their configuration (<c>IEntityTypeConfiguration</c>,
/// applied below) and its <c>DbSet</c> in a part of this class in its folder (docs/adr/0012).
/// </summary>
internal sealed partial class CasesDbContext(DbContextOptions<CasesDbContext> options) : TenantDbContext(options)
{
    /// <summary>Records an audit event inside this context's open transaction.</summary>
    public Task AuditAsync(Saas.Platform.Audit.IAuditTrail audit, Saas.Platform.Audit.AuditEntry entry, CancellationToken ct) =>
        AuditAllAsync(audit, [entry], ct);

    /// <summary>Records several audit events, in order, inside this context's open transaction, in one append.</summary>
    public Task AuditAllAsync(Saas.Platform.Audit.IAuditTrail audit, IReadOnlyList<Saas.Platform.Audit.AuditEntry> entries, CancellationToken ct) =>
        audit.RecordAllAsync(
            entries,
            (Npgsql.NpgsqlConnection)Database.GetDbConnection(),
            (Npgsql.NpgsqlTransaction)Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(Database.CurrentTransaction!),
            ct);

    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();

    public DbSet<CaseDocument> Documents => Set<CaseDocument>();

    public DbSet<DocumentPage> Pages => Set<DocumentPage>();

    public DbSet<TextExtraction> TextExtractions => Set<TextExtraction>();

    public DbSet<Features.Transfer.FileTransfer> Transfers => Set<Features.Transfer.FileTransfer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseFile>().ToTable("case_files", "cases");
        modelBuilder.Entity<CaseDocument>(document =>
        {
            document.ToTable("documents", "cases");
            document.Property(d => d.CaseId).HasColumnName("procedure_id"); // the landed column of docs/adr/0014's case
        });
        modelBuilder.Entity<TextExtraction>(text =>
        {
            text.ToTable("text_extractions", "cases");
            text.HasKey(t => t.DocumentId);
            text.HasOne<CaseDocument>().WithOne().HasForeignKey<TextExtraction>(t => t.DocumentId);
        });
        modelBuilder.Entity<Features.Transfer.FileTransfer>().ToTable("transfers", "cases");
        modelBuilder.Entity<DocumentPage>(page =>
        {
            page.ToTable("document_pages", "cases");
            page.HasKey(p => new { p.DocumentId, p.Page });
            page.HasOne<CaseDocument>().WithMany().HasForeignKey(p => p.DocumentId);
        });
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CasesDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(Features.PersonSearch.CasesSql).GetMethod(nameof(Features.PersonSearch.CasesSql.Similarity))!)
            .HasName("similarity").IsBuiltIn();
        base.OnModelCreating(modelBuilder);
    }
}

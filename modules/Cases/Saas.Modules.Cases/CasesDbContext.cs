namespace Saas.Modules.Cases;

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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CasesDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(Features.PersonSearch.CasesSql).GetMethod(nameof(Features.PersonSearch.CasesSql.Similarity))!)
            .HasName("similarity").IsBuiltIn();
        base.OnModelCreating(modelBuilder);
    }
}

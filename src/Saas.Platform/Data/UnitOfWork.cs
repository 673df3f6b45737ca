using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Saas.Platform.Audit;

namespace Saas.Platform.Data;

/// <summary>
/// "Save, audit, commit" once (docs/adr/0012): a change and its audit records commit together or not at all.
/// <code>
/// await using var work = await db.BeginWorkAsync(audit, ct);
/// … change entities, ExecuteUpdate …
/// work.Record(new AuditEntry("inbox.assign", "casefile", id));
/// await work.CommitAsync(ct);
/// </code>
/// Disposing without commit rolls back.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly TenantDbContext db;
    private readonly IAuditTrail audit;
    private readonly IDbContextTransaction transaction;
    private readonly List<AuditEntry> entries = [];

    private UnitOfWork(TenantDbContext db, IAuditTrail audit, IDbContextTransaction transaction)
    {
        this.db = db;
        this.audit = audit;
        this.transaction = transaction;
    }

    internal static async Task<UnitOfWork> BeginAsync(TenantDbContext db, IAuditTrail audit, CancellationToken ct) =>
        new(db, audit, await db.Database.BeginTransactionAsync(ct));

    /// <summary>An audit record appended, in order, when the work commits.</summary>
    public void Record(AuditEntry entry) => entries.Add(entry ?? throw new ArgumentNullException(nameof(entry)));

    public void RecordAll(IEnumerable<AuditEntry> records) => entries.AddRange(records);

    /// <summary>Saves the tracked changes, appends the audit records in one append, and commits.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (entries.Count > 0)
        {
            await audit.RecordAllAsync(entries, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// As <see cref="CommitAsync(CancellationToken)"/>; when a row changed meanwhile (its row version no longer
    /// matches), nothing is committed and the person gets the feature's conflict problem.
    /// </summary>
    public async Task CommitAsync(Func<SaasProblemException> onConflict, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(onConflict);
        try
        {
            await CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw onConflict();
        }
    }

    public ValueTask DisposeAsync() => transaction.DisposeAsync();
}

public static class UnitOfWorkExtensions
{
    /// <summary>Begins a transaction whose commit saves, appends the audit records and commits (<see cref="UnitOfWork"/>).</summary>
    public static Task<UnitOfWork> BeginWorkAsync(this TenantDbContext db, IAuditTrail audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        return UnitOfWork.BeginAsync(db, audit, ct);
    }

    /// <summary>Saves the tracked changes and their audit records in one transaction.</summary>
    public static async Task SaveAuditedAsync(this TenantDbContext db, IAuditTrail audit, AuditEntry entry, CancellationToken ct)
    {
        await using var work = await db.BeginWorkAsync(audit, ct);
        work.Record(entry);
        await work.CommitAsync(ct);
    }
}

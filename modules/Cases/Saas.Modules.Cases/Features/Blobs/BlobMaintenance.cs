using Microsoft.Extensions.Hosting;

namespace Saas.Modules.Cases.Features.Blobs;

/// <summary>One finding of a blob check.</summary>
internal sealed record BlobProblem(string Sha256, string Problem);

/// <summary>The result of a sweep or verify run for one authority.</summary>
internal sealed record BlobCheckResult(Guid Id, string Kind, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Checked, IReadOnlyList<BlobProblem> Problems);

/// <summary>
/// Keeps the blob store and the e-Akte consistent for the current authority. The sweeper removes blobs nothing
/// refers to (left by an upload interrupted between blob and row) once they are older than a grace period, so an
/// upload in progress is never touched. The verify job re-hashes every referenced blob and reports missing or
/// changed bytes. Both record their result and an audit entry.
/// </summary>
internal sealed class BlobMaintenance(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IOptions<CasesOptions> settings, TimeProvider clock)
{
    public async Task<BlobCheckResult> SweepAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var grace = TimeSpan.FromHours(settings.Value.Blobs.OrphanGraceHours);
        var referenced = await ReferencedAsync(ct);
        var problems = new List<BlobProblem>();
        var seen = 0;
        await foreach (var sha in blobs.ListAsync(ct))
        {
            seen++;
            if (referenced.Contains(sha) || await blobs.StoredAtAsync(sha, ct) is not { } storedAt || storedAt > started - grace)
            {
                continue;
            }

            // Checked again right before deleting: a row may have been committed since the list was read.
            if (await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM cases.blob_references WHERE sha256 = {sha}").AnyAsync(ct))
            {
                continue;
            }

            await blobs.DeleteAsync(sha, ct);
            problems.Add(new BlobProblem(sha, "orphan-removed"));
        }

        return await RecordAsync("sweep", started, seen, problems, ct);
    }

    public async Task<BlobCheckResult> VerifyAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var problems = new List<BlobProblem>();
        var referenced = await ReferencedAsync(ct);
        foreach (var sha in referenced.Order(StringComparer.Ordinal))
        {
            try
            {
                await using var content = await blobs.OpenReadAsync(sha, ct);
                var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
                if (actual != sha)
                {
                    problems.Add(new BlobProblem(sha, $"changed: the bytes now hash to {actual}"));
                }
            }
            catch (BlobNotFoundException)
            {
                problems.Add(new BlobProblem(sha, "missing"));
            }
            catch (BlobIntegrityException damaged)
            {
                problems.Add(new BlobProblem(sha, $"changed: the bytes now hash to {damaged.Actual}"));
            }
        }

        return await RecordAsync("verify", started, referenced.Count, problems, ct);
    }

    private async Task<HashSet<string>> ReferencedAsync(CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"SELECT DISTINCT sha256 AS \"Value\" FROM cases.blob_references").ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    private async Task<BlobCheckResult> RecordAsync(string kind, DateTimeOffset started, int count, List<BlobProblem> problems, CancellationToken ct)
    {
        var result = new BlobCheckResult(Guid.NewGuid(), kind, started, clock.GetUtcNow(), count, problems);
        var details = JsonSerializer.Serialize(problems, JsonSerializerOptions.Web);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO cases.blob_checks (tenant_id, id, kind, started_at, finished_at, checked, problems, details)
            VALUES ({db.CurrentTenantId}, {result.Id}, {kind}, {result.StartedAt}, {result.FinishedAt}, {count}, {problems.Count}, {details}::jsonb)
            """, ct);
        await db.AuditAsync(audit, new AuditEntry($"blobs.{kind}", "blob-check", result.Id.ToString(), $"{count} checked, {problems.Count} findings"), ct);
        await tx.CommitAsync(ct);
        return result;
    }
}

/// <summary>Runs the sweeper and the verify job for every authority with the e-Akte, once per interval (default daily).</summary>
internal sealed class BlobMaintenanceService(IServiceProvider services, ITenantCatalog catalog, ICurrentTenant currentTenant, IOptions<CasesOptions> settings,
    ILogger<BlobMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromHours(settings.Value.Blobs.MaintenanceIntervalHours);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in (await catalog.ListAsync(stoppingToken)).Where(t => t.IsModuleEnabled(CasesModule.ModuleName)))
            {
                using var scope = currentTenant.Begin(tenant);
                await using var services1 = services.CreateAsyncScope();
                var maintenance = services1.ServiceProvider.GetRequiredService<BlobMaintenance>();
                try
                {
                    var swept = await maintenance.SweepAsync(stoppingToken);
                    var verified = await maintenance.VerifyAsync(stoppingToken);
                    if (verified.Problems.Count > 0)
                    {
                        logger.LogError("Blob verification of {Tenant} found {Count} missing or changed blobs", tenant.Key, verified.Problems.Count);
                    }

                    logger.LogInformation("Blob maintenance of {Tenant}: {Orphans} orphans removed, {Checked} blobs verified", tenant.Key, swept.Problems.Count, verified.Checked);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or Npgsql.NpgsqlException)
                {
                    logger.LogError(ex, "Blob maintenance of {Tenant} failed", tenant.Key);
                }
            }
        }
    }
}

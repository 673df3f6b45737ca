namespace Saas.Modules.Cases.Features.Blobs;

/// <summary>One finding of a blob check.</summary>
internal sealed record BlobProblem(string Sha256, string Problem);

/// <summary>The result of a sweep or verify run for one authority.</summary>
internal sealed record BlobCheckResult(Guid Id, string Kind, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Checked, IReadOnlyList<BlobProblem> Problems);

/// <summary>Row of a past blob check, as the admin API lists them.</summary>
internal sealed record BlobCheckRow(Guid Id, string Kind, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Checked, int Problems, string Details);

/// <summary>
/// What both checks share: the blobs the e-Akte refers to — and those other modules hold (<see cref="IBlobHolder"/>,
/// the portal's evidence not filed yet), which the sweeper must keep too — and recording a check's result with its audit record.
/// </summary>
internal sealed class BlobCheckRecorder(CasesDbContext db, IEnumerable<IBlobHolder> holders, IAuditTrail audit, TimeProvider clock)
{
    public async Task<HashSet<string>> ReferencedAsync(CancellationToken ct)
    {
        var referenced = (await db.Database.SqlQuery<string>($"SELECT DISTINCT sha256 AS \"Value\" FROM cases.blob_references").ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var holder in holders)
        {
            referenced.UnionWith(await holder.HeldAsync(ct));
        }

        return referenced;
    }

    public async Task<bool> IsReferencedAsync(string sha256, CancellationToken ct)
    {
        if (await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM cases.blob_references WHERE sha256 = {sha256}").AnyAsync(ct))
        {
            return true;
        }

        foreach (var holder in holders)
        {
            if (await holder.HoldsAsync(sha256, ct))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<BlobCheckResult> RecordAsync(string kind, DateTimeOffset started, int count, IReadOnlyList<BlobProblem> problems, CancellationToken ct)
    {
        var result = new BlobCheckResult(Guid.NewGuid(), kind, started, clock.GetUtcNow(), count, problems);
        var details = JsonSerializer.Serialize(problems, JsonSerializerOptions.Web);
        await using var work = await db.BeginWorkAsync(audit, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO cases.blob_checks (tenant_id, id, kind, started_at, finished_at, checked, problems, details)
            VALUES ({db.CurrentTenantId}, {result.Id}, {kind}, {result.StartedAt}, {result.FinishedAt}, {count}, {problems.Count}, {details}::jsonb)
            """, ct);
        work.Record(new AuditEntry($"blobs.{kind}", "blob-check", result.Id.ToString(), $"{count} checked, {problems.Count} findings"));
        await work.CommitAsync(ct);
        return result;
    }
}

internal sealed record SweepOrphanBlobsRequest;

/// <summary>
/// Removes blobs nothing refers to (left by an upload interrupted between blob and row) once they are older than
/// the grace period (<c>Cases:Blobs:OrphanGraceHours</c>), so an upload in progress is never touched; each blob is
/// checked again right before it is deleted. The result is recorded with an audit record.
/// </summary>
internal sealed class SweepOrphanBlobs(IBlobStore blobs, BlobCheckRecorder recorder, IOptions<CasesOptions> settings, TimeProvider clock)
{
    public async Task<BlobCheckResult> ExecuteAsync(SweepOrphanBlobsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetUtcNow();
        var grace = TimeSpan.FromHours(settings.Value.Blobs.OrphanGraceHours);
        var referenced = await recorder.ReferencedAsync(ct);
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
            if (await recorder.IsReferencedAsync(sha, ct))
            {
                continue;
            }

            await blobs.DeleteAsync(sha, ct);
            problems.Add(new BlobProblem(sha, "orphan-removed"));
        }

        return await recorder.RecordAsync("sweep", started, seen, problems, ct);
    }
}

internal sealed record VerifyBlobsRequest;

/// <summary>Re-hashes every blob the e-Akte refers to and reports missing or changed bytes; the result is recorded with an audit record.</summary>
internal sealed class VerifyBlobs(IBlobStore blobs, BlobCheckRecorder recorder, TimeProvider clock)
{
    public async Task<BlobCheckResult> ExecuteAsync(VerifyBlobsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetUtcNow();
        var problems = new List<BlobProblem>();
        var referenced = await recorder.ReferencedAsync(ct);
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

        return await recorder.RecordAsync("verify", started, referenced.Count, problems, ct);
    }
}

internal sealed record ListBlobChecksRequest(int Limit = ListBlobChecks.MaxItems);

/// <summary>The latest blob checks of this authority, newest first.</summary>
internal sealed class ListBlobChecks(CasesDbContext db)
{
    public const int MaxItems = 50;

    public async Task<IReadOnlyList<BlobCheckRow>> ExecuteAsync(ListBlobChecksRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = db.CurrentTenantId;
        var limit = Math.Clamp(request.Limit, 1, MaxItems);
        return await db.Database.SqlQuery<BlobCheckRow>($"""
            SELECT id, kind, started_at, finished_at, checked, problems, details::text AS details
            FROM cases.blob_checks WHERE tenant_id = {tenant} ORDER BY started_at DESC LIMIT {limit}
            """).ToListAsync(ct);
    }
}

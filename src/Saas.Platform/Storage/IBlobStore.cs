namespace Saas.Platform.Storage;

/// <summary>Content that was written and verified, addressed by its SHA-256.</summary>
public sealed record StoredBlob(string Sha256, long Length);

/// <summary>
/// Content-addressed storage of the current authority's documents. Every blob is stored once per authority under
/// its SHA-256, verified after writing, and can only be read through the authority that stored it: keys are
/// prefixed with the tenant id, which the caller never supplies. The file system is the embedded default; MinIO
/// (S3) serves production (docs/adr/0006-blob-storage.md).
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes the content (idempotent for equal content) and returns it only once it is safely stored.</summary>
    Task<StoredBlob> PutAsync(Stream content, CancellationToken ct = default);

    /// <summary>
    /// Opens a blob of the current authority, its bytes checked against its SHA-256 first (hardening item 7): a blob
    /// changed on the storage is never served or processed; throws <see cref="BlobNotFoundException"/> if there is
    /// none and <see cref="BlobIntegrityException"/> if its bytes changed.
    /// </summary>
    Task<Stream> OpenReadAsync(string sha256, CancellationToken ct = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);

    Task DeleteAsync(string sha256, CancellationToken ct = default);

    /// <summary>When a blob of the current authority was written; null if it has none.</summary>
    Task<DateTimeOffset?> StoredAtAsync(string sha256, CancellationToken ct = default);

    /// <summary>The current authority's blobs (for the orphan sweeper and the verify job).</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken ct = default);
}

public sealed class BlobNotFoundException(string sha256) : Exception($"No blob {sha256} for this authority.");

/// <summary>A stored blob's bytes no longer hash to its address: damaged or tampered with on the storage.</summary>
public sealed class BlobIntegrityException(string sha256, string actual) : Exception($"Blob {sha256} now hashes to {actual}.")
{
    public string Sha256 { get; } = sha256;

    public string Actual { get; } = actual;
}

/// <summary>Keys and hashing shared by the implementations.</summary>
internal static class BlobKeys
{
    public static string Validate(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            // Never let a caller-supplied string reach a path or an object key unchecked.
            throw new ArgumentException("A blob is addressed by 64 lower-case hex digits (SHA-256).", nameof(sha256));
        }

        return sha256;
    }

    public static Guid Tenant(ICurrentTenant currentTenant) =>
        currentTenant.Id ?? throw new TenantIsolationException("Blobs belong to an authority; no authority is set.");

    public static string Key(Guid tenant, string sha256) => $"{tenant:D}/{sha256[..2]}/{sha256}";

    /// <summary>Copies a stream to a temporary file while hashing it (SHA-256 and MD5 for S3's ETag).</summary>
    public static async Task<(string Path, string Sha256, string Md5, long Length)> SpoolAsync(Stream content, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + ".part");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long length = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                length += read;
            }

            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }

        return (path, Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()), length);
    }

    public static async Task<string> HashFileAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}

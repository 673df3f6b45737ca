using System.Runtime.CompilerServices;

namespace Saas.Platform.Storage;

/// <summary>
/// Blobs as files under a root folder: written to a temporary file while hashing, flushed to disk, re-read and
/// compared, then moved into place atomically. A crash leaves at most a temporary file, never a half blob.
/// </summary>
internal sealed class FileSystemBlobStore(string root, ICurrentTenant currentTenant) : IBlobStore
{
    public async Task<StoredBlob> PutAsync(Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tenant = BlobKeys.Tenant(currentTenant);
        var (temp, sha, _, length) = await BlobKeys.SpoolAsync(content, Path.Combine(root, tenant.ToString("D"), ".incoming"), ct);
        try
        {
            if (await BlobKeys.HashFileAsync(temp, ct) != sha)
            {
                throw new IOException("The stored bytes differ from the received bytes.");
            }

            var final = PathOf(tenant, sha);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (!File.Exists(final))
            {
                File.Move(temp, final, overwrite: false);
            }

            return new StoredBlob(sha, length);
        }
        catch (IOException) when (File.Exists(PathOf(tenant, sha)))
        {
            return new StoredBlob(sha, length); // the same content arrived concurrently: stored once
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<Stream> OpenReadAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256));
        if (!File.Exists(path))
        {
            throw new BlobNotFoundException(sha256);
        }

        // Checked before anything is served: a file changed on the disk is refused, not streamed half-way.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        try
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BlobIntegrityException(sha256, actual);
            }

            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(PathOf(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256))));

    public Task<DateTimeOffset?> StoredAtAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256));
        return Task.FromResult<DateTimeOffset?>(File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null);
    }

    public Task DeleteAsync(string sha256, CancellationToken ct = default)
    {
        File.Delete(PathOf(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256)));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var folder = Path.Combine(root, BlobKeys.Tenant(currentTenant).ToString("D"));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            if (name.Length == 64 && !file.Contains(".incoming", StringComparison.Ordinal))
            {
                yield return name;
            }
        }

        await Task.CompletedTask;
    }

    private string PathOf(Guid tenant, string sha256) => Path.Combine(root, BlobKeys.Key(tenant, sha256));
}

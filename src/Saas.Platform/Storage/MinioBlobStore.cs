using System.Runtime.CompilerServices;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Saas.Platform.Storage;

/// <summary>
/// Blobs in an S3 bucket through the MinIO SDK. The content is spooled to a local temporary file while hashing
/// (the key is its SHA-256), uploaded, and accepted only when the server's ETag equals the MD5 of what was sent.
/// Tested against s3rver, an S3 server that runs here; MinIO itself cannot run on this machine.
/// </summary>
internal sealed class MinioBlobStore(IMinioClient client, string bucket, ICurrentTenant currentTenant) : IBlobStore
{
    public async Task<StoredBlob> PutAsync(Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var tenant = BlobKeys.Tenant(currentTenant);
        var (temp, sha, md5, length) = await BlobKeys.SpoolAsync(content, Path.Combine(Path.GetTempPath(), "saas-blobs"), ct);
        try
        {
            var key = BlobKeys.Key(tenant, sha);
            if (!await ExistsAsync(sha, ct))
            {
                await using var file = File.OpenRead(temp);
                var response = await client.PutObjectAsync(new PutObjectArgs()
                    .WithBucket(bucket).WithObject(key).WithStreamData(file).WithObjectSize(length)
                    .WithContentType("application/octet-stream"), ct);
                if (!string.Equals(response.Etag?.Trim('"'), md5, StringComparison.OrdinalIgnoreCase))
                {
                    await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), ct);
                    throw new IOException($"The object store confirmed other bytes than were sent for {sha}.");
                }
            }

            return new StoredBlob(sha, length);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<Stream> OpenReadAsync(string sha256, CancellationToken ct = default)
    {
        var key = BlobKeys.Key(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256));
        var buffer = new MemoryStream();
        try
        {
            await client.GetObjectAsync(new GetObjectArgs().WithBucket(bucket).WithObject(key)
                .WithCallbackStream((stream, token) => stream.CopyToAsync(buffer, token)), ct);
        }
        catch (ObjectNotFoundException)
        {
            throw new BlobNotFoundException(sha256);
        }

        buffer.Position = 0;
        var actual = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BlobIntegrityException(sha256, actual);
        }

        return buffer;
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct = default)
    {
        var key = BlobKeys.Key(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256));
        try
        {
            await client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key), ct);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    public async Task<DateTimeOffset?> StoredAtAsync(string sha256, CancellationToken ct = default)
    {
        var key = BlobKeys.Key(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256));
        try
        {
            var stat = await client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key), ct);
            return new DateTimeOffset(DateTime.SpecifyKind(stat.LastModified, DateTimeKind.Utc));
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string sha256, CancellationToken ct = default) =>
        client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(BlobKeys.Key(BlobKeys.Tenant(currentTenant), BlobKeys.Validate(sha256))), ct);

    /// <remarks>
    /// Not covered by the s3rver tests: s3rver answers ListObjects in the XML namespace
    /// <c>http://doc.s3.amazonaws.com/2006-03-01/</c> instead of S3's <c>http://s3.amazonaws.com/doc/2006-03-01/</c>,
    /// which the MinIO SDK does not read (it then lists nothing). Against MinIO and S3 this is the SDK's own call.
    /// </remarks>
    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var prefix = BlobKeys.Tenant(currentTenant).ToString("D") + "/";
        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(true), ct))
        {
            yield return item.Key[(item.Key.LastIndexOf('/') + 1)..];
        }
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Minio;
using Saas.Platform.Storage;

namespace Saas.Platform.Tests.Storage;

/// <summary>The same contract for every blob store: content-addressed, verified, and one authority's only.</summary>
public abstract class BlobStoreContract
{
    private protected CurrentTenant Current { get; } = new();

    private protected abstract IBlobStore Store { get; }

    /// <summary>Changes a stored blob's bytes behind the store's back, as a disk fault or someone with storage access would.</summary>
    private protected abstract Task OverwriteStoredBytesAsync(Guid tenant, string sha256, byte[] bytes);

    [Fact]
    public async Task ABlobWhoseStoredBytesChanged_IsRefusedOnRead_NotServed_HardeningItem7()
    {
        var tenant = await Tenant();
        using var scope = Current.Begin(tenant);
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var stored = await Store.PutAsync(new MemoryStream(bytes));
        var changed = (byte[])bytes.Clone();
        changed[^1] ^= 0x01;
        await OverwriteStoredBytesAsync(tenant.Id, stored.Sha256, changed);

        var refused = await Should.ThrowAsync<BlobIntegrityException>(() => Store.OpenReadAsync(stored.Sha256));
        refused.Actual.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(changed)));
    }

    [Fact]
    public async Task Put_ThenOpen_GivesBackTheSameBytes_AddressedByTheirSha256()
    {
        using var scope = Current.Begin(await Tenant());
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var stored = await Store.PutAsync(new MemoryStream(bytes));
        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        stored.Length.ShouldBe(bytes.Length);
        await using var read = await Store.OpenReadAsync(stored.Sha256);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task StoredAt_TellsWhenTheBlobWasWritten_AndNothingForAnotherAuthority()
    {
        var a = await Tenant();
        StoredBlob stored;
        using (Current.Begin(a))
        {
            var before = DateTimeOffset.UtcNow.AddMinutes(-5);
            stored = await Store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(100)));
            var at = await Store.StoredAtAsync(stored.Sha256);
            at.ShouldNotBeNull();
            at.Value.ShouldBeGreaterThan(before);
            at.Value.ShouldBeLessThan(DateTimeOffset.UtcNow.AddMinutes(5));
        }

        using (Current.Begin(await Tenant()))
        {
            (await Store.StoredAtAsync(stored.Sha256)).ShouldBeNull();
        }
    }

    [Fact]
    public async Task EqualContent_IsStoredOnce()
    {
        using var scope = Current.Begin(await Tenant());
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var first = await Store.PutAsync(new MemoryStream(bytes));
        var second = await Store.PutAsync(new MemoryStream(bytes));
        second.ShouldBe(first);
    }

    [Fact]
    public async Task AnotherAuthority_CannotReadOrSeeTheBlob_EvenWithItsHash()
    {
        var a = await Tenant();
        var b = await Tenant();
        StoredBlob stored;
        using (Current.Begin(a))
        {
            stored = await Store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(500)));
        }

        using (Current.Begin(b))
        {
            (await Store.ExistsAsync(stored.Sha256)).ShouldBeFalse();
            await Should.ThrowAsync<BlobNotFoundException>(() => Store.OpenReadAsync(stored.Sha256));
        }
    }

    [Fact]
    public async Task AKeyThatIsNotASha256_IsRefusedBeforeItReachesAPathOrKey()
    {
        using var scope = Current.Begin(await Tenant());
        await Should.ThrowAsync<ArgumentException>(() => Store.OpenReadAsync("../../etc/passwd"));
        await Should.ThrowAsync<ArgumentException>(() => Store.ExistsAsync(new string('A', 64)));
    }

    [Fact]
    public async Task WithoutAnAuthority_NothingCanBeStored()
    {
        await Should.ThrowAsync<TenantIsolationException>(() => Store.PutAsync(new MemoryStream([1, 2, 3])));
    }

    [Fact]
    public async Task Delete_RemovesOnlyThatBlob()
    {
        using var scope = Current.Begin(await Tenant());
        var keep = await Store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(100)));
        var drop = await Store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(100)));
        await Store.DeleteAsync(drop.Sha256);
        (await Store.ExistsAsync(drop.Sha256)).ShouldBeFalse();
        (await Store.ExistsAsync(keep.Sha256)).ShouldBeTrue();
    }

    private protected static async Task<TenantInfo> Tenant() => await TestTenants.CreateAsync(await TestDatabase.GetAsync());

    private protected static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

public sealed class FileSystemBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "saas-blobs-" + Guid.NewGuid().ToString("N"));

    public FileSystemBlobStoreTests()
    {
        Store = new FileSystemBlobStore(root, Current);
    }

    private protected override IBlobStore Store { get; }

    private protected override async Task OverwriteStoredBytesAsync(Guid tenant, string sha256, byte[] bytes)
    {
        var path = Path.Combine(root, tenant.ToString("D"), sha256[..2], sha256);
        File.SetAttributes(path, FileAttributes.Normal);
        await File.WriteAllBytesAsync(path, bytes);
    }

    [Fact]
    public async Task List_ShowsEachBlobOnce_AndOnlyTheAuthoritysOwn()
    {
        var a = await Tenant();
        var b = await Tenant();
        var bytes = RandomNumberGenerator.GetBytes(1000);
        StoredBlob stored;
        using (Current.Begin(a))
        {
            stored = await Store.PutAsync(new MemoryStream(bytes));
            await Store.PutAsync(new MemoryStream(bytes));
            (await ToListAsync(Store.ListAsync())).ShouldBe([stored.Sha256]);
        }

        using (Current.Begin(b))
        {
            (await ToListAsync(Store.ListAsync())).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task AWriteInterruptedBeforeTheMove_LeavesNoBlob()
    {
        using var scope = Current.Begin(await TestTenants.CreateAsync(await TestDatabase.GetAsync()));
        await Should.ThrowAsync<IOException>(() => Store.PutAsync(new FailingStream(40_000)));
        (await Store.ListAsync().ToArrayAsync()).ShouldBeEmpty();
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Delivers some bytes, then fails like a dropped upload.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (sent >= failAfter)
            {
                throw new IOException("connection reset");
            }

            var n = Math.Min(count, failAfter - sent);
            sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>s3rver from npm on a free loopback port: a real S3 server for the MinIO SDK to talk to.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private Process? process;
    private readonly string data = Path.Combine(Path.GetTempPath(), "s3rver-" + Guid.NewGuid().ToString("N"));

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var s3rver = Path.Combine(SaasAppFactory.RepositoryRoot, "tests", "Saas.Platform.Tests", "node_modules", ".bin", "s3rver");
        File.Exists(s3rver).ShouldBeTrue("s3rver is missing: run scripts/browser.sh (npm ci in tests/Saas.Platform.Tests)");
        Directory.CreateDirectory(data);
        process = Process.Start(new ProcessStartInfo(s3rver, ["-d", data, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", "saas-blobs", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("s3rver did not start.");
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }

        process?.Dispose();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}

public sealed class MinioBlobStoreTests(S3rverFixture s3) : BlobStoreContract, IClassFixture<S3rverFixture>
{
    private IMinioClient Client => new MinioClient().WithEndpoint("127.0.0.1", s3.Port).WithCredentials("S3RVER", "S3RVER").WithSSL(false).Build();

    private protected override IBlobStore Store => new MinioBlobStore(Client, "saas-blobs", Current);

    private protected override async Task OverwriteStoredBytesAsync(Guid tenant, string sha256, byte[] bytes) =>
        await Client.PutObjectAsync(new Minio.DataModel.Args.PutObjectArgs().WithBucket("saas-blobs").WithObject(BlobKeys.Key(tenant, sha256))
            .WithStreamData(new MemoryStream(bytes)).WithObjectSize(bytes.Length).WithContentType("application/octet-stream"));
}

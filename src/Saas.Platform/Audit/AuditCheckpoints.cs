namespace Saas.Platform.Audit;

/// <summary>
/// A signed statement "at <see cref="SignedAt"/>, event <see cref="Seq"/> of this authority's chain had the hash
/// <see cref="Hash"/>", kept outside the database. <see cref="KeyId"/> names the signing key (the SHA-256 of its public
/// key), <see cref="Signature"/> is ECDSA P-256 over <see cref="Payload"/>.
/// </summary>
public sealed record AuditCheckpoint(Guid TenantId, string TenantKey, long Seq, string Hash, DateTimeOffset SignedAt, string KeyId, string Signature)
{
    /// <summary>What is signed: every field but the signature, in a fixed order.</summary>
    public byte[] Payload() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object[]
    {
        "saas-audit-checkpoint-1", TenantId.ToString("D"), TenantKey, Seq, Hash,
        SignedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), KeyId,
    }));

    public AuditAnchor Anchor => new(Seq, Hash);
}

/// <summary>
/// Anchors each authority's audit chain outside the database (hardening item 7): <c>saas audit checkpoint</c> verifies
/// the chain and appends a signed checkpoint of its head to a file per authority in <c>Audit:Checkpoints:Directory</c>;
/// <c>saas audit verify</c> checks the newest checkpoint's signature and that the chain still contains it. A database
/// superuser who deletes the newest events and rewinds <c>audit.chain_heads</c> has no key to sign a new checkpoint,
/// so the cut is found. The key (<c>Audit:Checkpoints:KeyPath</c>, a PEM EC P-256 key) and the directory belong on
/// storage the database's administrators cannot write (another host, a WORM bucket); verifying needs only the public key.
/// </summary>
public sealed class AuditCheckpoints
{
    /// <summary>The longest checkpoint file read (about 20,000 checkpoints); a longer one is refused, not loaded.</summary>
    public const long MaxFileBytes = 8 * 1024 * 1024;

    private readonly string directory;
    private readonly ECDsa key;
    private readonly bool canSign;

    private AuditCheckpoints(string directory, ECDsa key, bool canSign)
    {
        this.directory = directory;
        this.key = key;
        this.canSign = canSign;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>SHA-256 of the public key, written into each checkpoint.</summary>
    public string KeyId { get; }

    /// <summary>The configured checkpoints, or null when <c>Audit:Checkpoints:Directory</c> is not set.</summary>
    public static AuditCheckpoints? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["Audit:Checkpoints:Directory"];
        if (string.IsNullOrWhiteSpace(directory))
        {
            return null;
        }

        var keyPath = configuration["Audit:Checkpoints:KeyPath"];
        if (string.IsNullOrWhiteSpace(keyPath) || !File.Exists(keyPath))
        {
            throw new InvalidOperationException($"Audit:Checkpoints:KeyPath must name a PEM file with an EC P-256 key (found '{keyPath}').");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        if (key.KeySize != 256)
        {
            throw new InvalidOperationException("Audit:Checkpoints:KeyPath must be an EC P-256 key.");
        }

        var canSign = true;
        try
        {
            key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException)
        {
            canSign = false; // a public key: enough to verify
        }

        Directory.CreateDirectory(directory);
        return new AuditCheckpoints(directory, key, canSign);
    }

    /// <summary>Signs the head of a verified chain and appends the checkpoint to the authority's file.</summary>
    public async Task<AuditCheckpoint> WriteAsync(Guid tenantId, string tenantKey, AuditVerification verified, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verified);
        if (!verified.Intact)
        {
            throw new InvalidOperationException("A broken chain is not signed.");
        }

        if (!canSign)
        {
            throw new InvalidOperationException("Audit:Checkpoints:KeyPath holds a public key only; signing needs the private key.");
        }

        var unsigned = new AuditCheckpoint(tenantId, tenantKey, verified.Events, verified.LastHash, at, KeyId, "");
        var checkpoint = unsigned with { Signature = Convert.ToBase64String(key.SignData(unsigned.Payload(), HashAlgorithmName.SHA256)) };
        await File.AppendAllTextAsync(PathOf(tenantId), JsonSerializer.Serialize(checkpoint) + "\n", ct);
        return checkpoint;
    }

    /// <summary>
    /// The authority's newest checkpoint with a valid signature of this key, or an explanation: none yet, or a file that
    /// was tampered with (a line that does not parse or whose signature fails makes the whole file untrustworthy).
    /// </summary>
    public async Task<(AuditCheckpoint? Checkpoint, string? Problem)> LatestAsync(Guid tenantId, CancellationToken ct)
    {
        var path = PathOf(tenantId);
        if (!File.Exists(path))
        {
            return (null, null);
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            return (null, $"The checkpoint file {path} is larger than {MaxFileBytes / 1024 / 1024} MB.");
        }

        AuditCheckpoint? newest = null;
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            AuditCheckpoint? checkpoint;
            try
            {
                checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(line, new JsonSerializerOptions { MaxDepth = 4 });
            }
            catch (JsonException)
            {
                return (null, $"Line {number} of {path} is not a checkpoint.");
            }

            if (checkpoint is null || checkpoint.TenantId != tenantId || checkpoint.KeyId != KeyId || !Verify(checkpoint))
            {
                return (null, $"The checkpoint in line {number} of {path} is not signed by this key.");
            }

            if (newest is not null && checkpoint.Seq < newest.Seq)
            {
                return (null, $"The checkpoint in line {number} of {path} goes back from event {newest.Seq} to {checkpoint.Seq}.");
            }

            newest = checkpoint;
        }

        return (newest, null);
    }

    private bool Verify(AuditCheckpoint checkpoint)
    {
        try
        {
            return key.VerifyData(checkpoint.Payload(), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private string PathOf(Guid tenantId) => Path.Combine(directory, $"{tenantId:D}.checkpoints.jsonl");
}

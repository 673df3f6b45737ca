using System.Buffers.Binary;

namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>
/// Limits for packages that arrive from outside: <c>Cases:Transfer:MaxEntries</c> (default 10,000) and
/// <c>Cases:Transfer:MaxBytes</c> (default 2 GiB, the unpacked size of all entries together).
/// </summary>
internal sealed record TransferLimits(int MaxEntries, long MaxBytes)
{
    /// <summary>A central-directory header of an entry we accept is far below this (46 bytes + a 74-character name + extras).</summary>
    public const int MaxCentralHeaderBytes = 1024;

    public static TransferLimits From(CasesOptions settings) => new(settings.Transfer.MaxEntries, settings.Transfer.MaxBytes);

    /// <summary>The zip itself: the unpacked limit plus room for headers and deflate's worst case on incompressible data.</summary>
    public long MaxPackageBytes => MaxBytes + (MaxBytes / 100) + (16L * 1024 * 1024) + ((long)MaxEntries * 2 * MaxCentralHeaderBytes);

    public long MaxManifestBytes => Math.Min(MaxBytes, 64L * 1024 * 1024);
}

/// <summary>
/// Writes the package as xdomea prescribes: a zip with the message <c>{ProzessID}_Abgabe.Abgabe.0401.xml</c> first,
/// then each primary document once, flat, under the name its <c>Primaerdokument/Dateiname</c> gives
/// (<c>{document id}.pdf</c>; documents with equal bytes share one entry).
/// </summary>
internal static class TransferPackageWriter
{
    public static async Task WriteAsync(Stream target, TransferManifest manifest, Func<string, CancellationToken, Task<Stream>> openBlob, CancellationToken ct)
    {
        await using var zip = await ZipArchive.CreateAsync(target, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        var manifestEntry = zip.CreateEntry(TransferManifest.EntryName(manifest.Header.MessageId), CompressionLevel.Optimal);
        manifestEntry.LastWriteTime = manifest.Header.CreatedAt;
        await using (var entryStream = await manifestEntry.OpenAsync(ct))
        {
            await manifest.WriteAsync(entryStream, ct);
        }

        var buffer = new byte[81920];
        foreach (var document in manifest.Documents.DistinctBy(d => d.FileName))
        {
            var sha256 = document.Sha256 ?? throw new InvalidOperationException($"Document {document.Id} has no SHA-256; only stored documents are handed over.");
            var entry = zip.CreateEntry(document.FileName, CompressionLevel.Fastest);
            entry.LastWriteTime = document.CreatedAt;
            await using var entryStream = await entry.OpenAsync(ct);
            await using var blob = await openBlob(sha256, ct);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            int read;
            while ((read = await blob.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                length += read;
                await entryStream.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            // The store verified the blob when it was written; a blob that changed since must not leave the authority unnoticed.
            if (Convert.ToHexStringLower(sha.GetHashAndReset()) != sha256 || length != document.Length)
            {
                throw new InvalidOperationException($"The blob {sha256} of this authority no longer matches its hash or length; the package was not made.");
            }
        }
    }
}

/// <summary>What a document's bytes in a package really are: hashed, counted and sniffed by the receiver.</summary>
internal sealed record VerifiedContent(string Sha256, long Length, string ContentType);

/// <summary>
/// Opens a package that came from outside and checks it before anything is written: the zip's directory (entry
/// count and size from its end record, before the directory is read), entry names, the declared sizes, the
/// xdomea message (parsed without DTD or resolver, validated against the xdomea 3.0.0 schema), and that message
/// and entries agree. Document bytes are then
/// counted while they are read — no entry may unpack to more than it declares, nor all together to more than
/// <see cref="TransferLimits.MaxBytes"/> — so a zip bomb is stopped after at most one buffer, in memory.
/// </summary>
internal sealed partial class TransferPackageReader : IAsyncDisposable
{
    private static readonly HashSet<string> CaseStates = new(StringComparer.Ordinal) { "open", "closed" };

    private readonly ZipArchive zip;
    private readonly Dictionary<string, ZipArchiveEntry> entries;
    private readonly TransferLimits limits;

    private TransferPackageReader(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries, TransferManifest manifest, TransferLimits limits)
    {
        this.zip = zip;
        this.entries = entries;
        this.limits = limits;
        Manifest = manifest;
    }

    public TransferManifest Manifest { get; }

    public static async Task<TransferPackageReader> OpenAsync(Stream package, TransferLimits limits, CancellationToken ct)
    {
        await ZipPreflight.CheckAsync(package, limits, ct);
        package.Position = 0;
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(package, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
        }
        catch (InvalidDataException ex)
        {
            throw InvalidPackage($"The package is not a readable zip file: {ex.Message}");
        }

        try
        {
            var (byName, manifestEntry, processId) = CheckEntries(zip, limits);
            TransferManifest manifest;
            var budget = new ByteBudget(limits.MaxBytes);
            await using (var raw = await OpenEntryAsync(manifestEntry, ct))
            await using (var counted = new CountingReadStream(raw, manifestEntry.FullName, manifestEntry.Length, budget))
            {
                manifest = await TransferManifest.ParseAsync(counted, manifestEntry.FullName, limits.MaxManifestBytes, ct);
            }

            if (manifest.Header.MessageId != processId)
            {
                throw InvalidManifest($"{manifestEntry.FullName}: the message's ProzessID is {manifest.Header.MessageId}; xdomea names the file after it.");
            }

            CheckManifestAgainstEntries(manifest, byName);
            return new TransferPackageReader(zip, byName, manifest, limits);
        }
        catch
        {
            await zip.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// First pass over the documents, writing nothing: each entry's bytes are hashed, counted and sniffed (the same
    /// sniffing as an upload); what the message declares (this platform's senders declare hash, length and content
    /// type; others need not) must agree. Problems name the document. The result is what the bytes are, by entry.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, VerifiedContent>> VerifyDocumentsAsync(CancellationToken ct)
    {
        var budget = new ByteBudget(limits.MaxBytes);
        var buffer = new byte[81920];
        var verified = new Dictionary<string, VerifiedContent>(StringComparer.Ordinal);
        foreach (var group in Manifest.Documents.GroupBy(d => d.FileName))
        {
            var entry = entries[group.Key];
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[8];
            var headLength = 0;
            long length = 0;
            await using (var raw = await OpenEntryAsync(entry, ct))
            await using (var counted = new CountingReadStream(raw, entry.FullName, entry.Length, budget))
            {
                int read;
                while ((read = await counted.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    var copy = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, copy).CopyTo(head.AsSpan(headLength));
                    headLength += copy;
                    length += read;
                }
            }

            var actual = Convert.ToHexStringLower(sha.GetHashAndReset());
            var sniffed = await ContentSniffer.DetectAsync(new MemoryStream(head, 0, headLength), ct);
            foreach (var document in group)
            {
                if ((document.Sha256 is { } declared && actual != declared) || (document.Length is { } declaredLength && length != declaredLength))
                {
                    throw DocumentMismatch(document, $"its bytes hash to {actual} ({length} bytes), the message says {document.Sha256} ({document.Length} bytes)");
                }

                if (sniffed is null || (document.ContentType is { } type && sniffed != type))
                {
                    throw DocumentMismatch(document, $"its content is {sniffed ?? "of no allowed type (PDF, PNG, JPEG, TIFF)"}, the message says {document.ContentType ?? "nothing"}");
                }
            }

            verified[group.Key] = new VerifiedContent(actual, length, sniffed!);
        }

        return verified;
    }

    /// <summary>Opens a verified document's bytes for the blob store, counted again as on the first pass.</summary>
    public async Task<Stream> OpenDocumentAsync(string fileName, ByteBudget budget, CancellationToken ct)
    {
        var entry = entries[fileName];
        return new CountingReadStream(await OpenEntryAsync(entry, ct), entry.FullName, entry.Length, budget);
    }

    public ValueTask DisposeAsync() => zip.DisposeAsync();

    internal static SaasProblemException DocumentMismatch(ManifestDocument document, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, "document-mismatch",
            new LocalizedText("problem.document-mismatch"),
            $"Document {document.Id} ({document.FileName}): {detail}.");

    private static (Dictionary<string, ZipArchiveEntry> Documents, ZipArchiveEntry Manifest, Guid ProcessId) CheckEntries(ZipArchive zip, TransferLimits limits)
    {
        var all = zip.Entries;
        if (all.Count > limits.MaxEntries)
        {
            throw TooLarge($"The package has {all.Count} entries; at most {limits.MaxEntries} are accepted.");
        }

        var documents = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        ZipArchiveEntry? manifest = null;
        var processId = Guid.Empty;
        long declared = 0;
        foreach (var entry in all)
        {
            var name = entry.FullName;
            if (MessageEntryName().Match(name) is { Success: true } match)
            {
                manifest = manifest is null ? entry : throw InvalidPackage($"The package holds more than one Abgabe.Abgabe.0401 message ({Shown(name)}).");
                processId = Guid.Parse(match.Groups[1].Value);
            }
            else if (FlatEntryName().IsMatch(name) && name != "." && name != "..")
            {
                if (!documents.TryAdd(name, entry))
                {
                    throw InvalidPackage($"The entry {Shown(name)} occurs more than once.");
                }
            }
            else
            {
                throw InvalidPackage($"The entry {Shown(name)} is not allowed: {Why(name)}. An xdomea package holds its message {{ProzessID}}_Abgabe.Abgabe.0401.xml and the primary documents it names, side by side.");
            }

            if (entry.Length < 0 || (declared += entry.Length) > limits.MaxBytes)
            {
                throw TooLarge($"The entries declare more than {limits.MaxBytes} bytes unpacked (at {Shown(name)}).");
            }
        }

        if (manifest is null)
        {
            throw InvalidPackage("The package holds no message {ProzessID}_Abgabe.Abgabe.0401.xml.");
        }

        if (manifest.Length > limits.MaxManifestBytes)
        {
            throw TooLarge($"{manifest.FullName} declares {manifest.Length} bytes; at most {limits.MaxManifestBytes} are accepted.");
        }

        return (documents, manifest, processId);
    }

    private static void CheckManifestAgainstEntries(TransferManifest manifest, Dictionary<string, ZipArchiveEntry> entries)
    {
        var procedures = new HashSet<Guid>();
        foreach (var procedure in manifest.Cases)
        {
            if (!procedures.Add(procedure.Id))
            {
                throw InvalidManifest($"Vorgang {procedure.Id} occurs more than once.");
            }

            if (!CaseStates.Contains(procedure.Status))
            {
                throw InvalidManifest($"Vorgang {procedure.Id}: Status \"{procedure.Status}\" is not open or closed.");
            }
        }

        var ids = new HashSet<Guid>();
        foreach (var document in manifest.Documents)
        {
            if (!ids.Add(document.Id))
            {
                throw InvalidManifest($"Dokument {document.Id} occurs more than once.");
            }

            if (document.Sha256 is { } sha && !Sha256Hex().IsMatch(sha))
            {
                throw InvalidManifest($"Dokument {document.Id}: SHA256 is not a SHA-256 in 64 lower-case hex digits.");
            }

            if (!entries.TryGetValue(document.FileName, out var entry))
            {
                throw CasesProblems.DocumentMissingFromPackage($"Document {document.Id} ({Shown(document.FileName)}) is not in the package.");
            }

            if (document.Length is { } length && entry.Length != length)
            {
                throw DocumentMismatch(document, $"the package declares {entry.Length} bytes, the message {length}");
            }
        }

        var referenced = manifest.Documents.Select(d => d.FileName).ToHashSet(StringComparer.Ordinal);
        if (entries.Keys.FirstOrDefault(k => !referenced.Contains(k)) is { } stray)
        {
            throw InvalidPackage($"The entry {Shown(stray)} is not a primary document of the message.");
        }
    }

    private static async Task<Stream> OpenEntryAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        try
        {
            return await entry.OpenAsync(ct);
        }
        catch (InvalidDataException ex)
        {
            throw InvalidPackage($"The entry {Shown(entry.FullName)} cannot be unpacked: {ex.Message}");
        }
    }

    private static string Why(string name) => name switch
    {
        "" => "the name is empty",
        _ when name.StartsWith('/') || (name.Length > 1 && name[1] == ':') => "absolute paths are not allowed",
        _ when name.Contains('\\', StringComparison.Ordinal) => "backslashes are not allowed",
        _ when name.Split('/').Contains("..") => "\"..\" is not allowed",
        _ when name.Contains('/', StringComparison.Ordinal) => "folders are not allowed",
        _ => "unexpected name",
    };

    /// <summary>An entry name as it may appear in a message: bounded, control characters made visible.</summary>
    internal static string Shown(string name)
    {
        var visible = string.Concat(name.Take(200).Select(c => char.IsControl(c) ? '?' : c));
        return "\"" + visible + (name.Length > 200 ? "…" : "") + "\"";
    }

    internal static SaasProblemException InvalidPackage(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid-package",
            new LocalizedText("problem.invalid-package"), detail);

    internal static SaasProblemException TooLarge(string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, "package-too-large",
            new LocalizedText("problem.package-too-large"), detail);

    private static SaasProblemException InvalidManifest(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid-manifest",
            new LocalizedText("problem.invalid-manifest"), detail);

    [GeneratedRegex("^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})_Abgabe\\.Abgabe\\.0401\\.xml$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageEntryName();

    /// <summary>xdomea's packages are flat: a name without folders, drive, backslash or control characters.</summary>
    [GeneratedRegex("^[^/\\\\:\\x00-\\x1f]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex FlatEntryName();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}

/// <summary>
/// Reads the zip's end-of-central-directory record (and its Zip64 form) before <see cref="ZipArchive"/> reads the
/// directory, so that a package announcing millions of entries is refused without allocating one object per entry.
/// The directory must end where the end record begins, which bounds what the zip reader will walk.
/// </summary>
internal static class ZipPreflight
{
    private const int EndRecordLength = 22;

    public static async Task CheckAsync(Stream package, TransferLimits limits, CancellationToken ct)
    {
        if (!package.CanSeek || package.Length < EndRecordLength)
        {
            throw TransferPackageReader.InvalidPackage("The package is not a zip file.");
        }

        var length = package.Length;
        var tailLength = (int)Math.Min(length, EndRecordLength + ushort.MaxValue);
        var tail = new byte[tailLength];
        package.Position = length - tailLength;
        await package.ReadExactlyAsync(tail, ct);
        var end = -1;
        for (var i = tailLength - EndRecordLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054b50)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw TransferPackageReader.InvalidPackage("The package is not a zip file (no end of central directory).");
        }

        var endPosition = length - tailLength + end;
        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        var directoryEnd = endPosition;
        if (count == ushort.MaxValue || directorySize == uint.MaxValue || directoryOffset == uint.MaxValue)
        {
            // Zip64: a locator right before the end record points to the Zip64 end record with the real values.
            var locator = new byte[20];
            if (endPosition < locator.Length)
            {
                throw TransferPackageReader.InvalidPackage("The zip's Zip64 locator is missing.");
            }

            package.Position = endPosition - locator.Length;
            await package.ReadExactlyAsync(locator, ct);
            var zip64Position = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8)), long.MaxValue);
            var zip64 = new byte[56];
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != 0x07064b50 || zip64Position > endPosition - locator.Length - zip64.Length)
            {
                throw TransferPackageReader.InvalidPackage("The zip's Zip64 locator is invalid.");
            }

            package.Position = zip64Position;
            await package.ReadExactlyAsync(zip64, ct);
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != 0x06064b50)
            {
                throw TransferPackageReader.InvalidPackage("The zip's Zip64 end record is invalid.");
            }

            count = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32)), long.MaxValue);
            directorySize = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(40)), long.MaxValue);
            directoryOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(48)), long.MaxValue);
            directoryEnd = zip64Position;
        }

        if (count > limits.MaxEntries)
        {
            throw TransferPackageReader.TooLarge($"The package declares {count} entries; at most {limits.MaxEntries} are accepted.");
        }

        if (directorySize > (long)limits.MaxEntries * TransferLimits.MaxCentralHeaderBytes || directoryOffset > directoryEnd || directoryOffset + directorySize != directoryEnd)
        {
            throw TransferPackageReader.InvalidPackage("The zip's central directory is inconsistent with its end record.");
        }
    }
}

/// <summary>Bytes unpacked so far in one pass over a package, against <see cref="TransferLimits.MaxBytes"/>.</summary>
internal sealed class ByteBudget(long limit)
{
    private long used;

    public void Take(int bytes, string entry)
    {
        used += bytes;
        if (used > limit)
        {
            throw TransferPackageReader.TooLarge($"The package unpacks to more than {limit} bytes (at {TransferPackageReader.Shown(entry)}).");
        }
    }
}

/// <summary>Reads an entry and stops as soon as it yields more than it declared or the pass exceeds its budget.</summary>
internal sealed class CountingReadStream(Stream inner, string entry, long declared, ByteBudget budget) : Stream
{
    private long count;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Counted(inner.Read(buffer));
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Counted(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Counted(int read)
    {
        count += read;
        if (count > declared)
        {
            throw TransferPackageReader.InvalidPackage($"The entry {TransferPackageReader.Shown(entry)} unpacks to more than the {declared} bytes it declares.");
        }

        budget.Take(read, entry);
        return read;
    }

    private SaasProblemException Corrupt(InvalidDataException ex) =>
        TransferPackageReader.InvalidPackage($"The entry {TransferPackageReader.Shown(entry)} cannot be unpacked: {ex.Message}");
}

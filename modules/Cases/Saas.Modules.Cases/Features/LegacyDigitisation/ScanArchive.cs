using Saas.Modules.Cases.Features.Documents;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>
/// Limits of one delivery (<c>Cases:Legacy:MaxEntries</c>, <c>Cases:Legacy:MaxBytes</c> uncompressed) and of each
/// scan in it (<c>Cases:Images</c>, checked with the tools' limits).
/// </summary>
internal sealed record ArchiveLimits(int MaxEntries, long MaxBytes, ImageLimits Images, Text.ToolLimits Tools);

/// <summary>A delivered file that passed every check, with the hash of its actual bytes.</summary>
internal sealed record ArchiveEntry(string Path, string Folder, string FileName, string ContentType, string Sha256, long Length);

/// <summary>
/// Checks a ZIP of returned scans completely before anything is stored. Layout: one top-level folder per file,
/// named exactly like the file number of a file in the box, holding that file's scans (PDF, TIFF, JPEG, PNG)
/// directly; nothing else. Names are refused if absolute, with <c>..</c>, <c>.</c> or empty segments,
/// backslashes, drive letters or control characters. Every entry is decompressed once while counting the actual
/// bytes against the limit (a header may lie about sizes), hashed, and its type is recognised from its bytes and
/// must agree with its extension. Each scan is copied to a private work file while it is read, so that its declared
/// pixel size (a TIFF's directories may lie anywhere in the file) or its PDF pages' sizes can be checked; the work
/// file is deleted right after. Nothing is stored here.
/// </summary>
internal static class ScanArchive
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    /// <param name="zip">The archive (seekable).</param>
    /// <param name="folders">The file numbers of the files in the box.</param>
    public static async Task<IReadOnlyList<ArchiveEntry>> ValidateAsync(Stream zip, IReadOnlySet<string> folders, ArchiveLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(limits);
        await using var archive = await OpenAsync(zip, ct);
        var entries = Entries(archive);
        if (entries.Count > limits.MaxEntries)
        {
            throw CasesProblems.ArchiveTooManyEntries(entries.Count, limits.MaxEntries);
        }

        // The sizes in the headers are only a first, cheap check; the bytes actually read are counted below.
        if (entries.Sum(e => e.Length) > limits.MaxBytes)
        {
            throw TooLarge(limits, null);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<ArchiveEntry>();
        long budget = limits.MaxBytes;
        var work = Directory.CreateTempSubdirectory("saas-scan-archive-");
        try
        {
            foreach (var entry in entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var name = entry.FullName;
                var isDirectory = name.EndsWith('/');
                var segments = (isDirectory ? name[..^1] : name).Split('/');
                if (!Ingest.SafeZip.IsSafeName(name))
                {
                    throw Unprocessable("unsafe-entry-name", Display(name));
                }

                if (!seen.Add(name))
                {
                    throw Unprocessable("duplicate-entry", name);
                }

                var folder = segments[0];
                if (segments.Length == 1 && !isDirectory)
                {
                    throw Unprocessable("entry-outside-folder", name);
                }

                if (segments.Length > 2 || (isDirectory && segments.Length > 1))
                {
                    throw Unprocessable("nested-folder", name);
                }

                if (!folders.Contains(folder))
                {
                    throw CasesProblems.UnknownFolder(Display(folder));
                }

                if (isDirectory)
                {
                    continue;
                }

                var named = Extensions.GetValueOrDefault(Path.GetExtension(segments[1]));
                if (named is null)
                {
                    throw CasesProblems.UnsupportedScanType(name);
                }

                var copy = Path.Combine(work.FullName, "entry");
                var (sniffed, sha256, length, crc) = await ReadAsync(entry, limits, budget, copy, ct);
                budget -= length;
                if (length == 0)
                {
                    throw Unprocessable("empty-entry", name);
                }

                // .NET stops a deflated entry at its declared size without complaint: a header that lies about the
                // size would silently cut the file. The CRC-32 of the bytes read shows it.
                if (length != entry.Length || crc != entry.Crc32)
                {
                    throw Unprocessable("archive-corrupt", $"{name}: declared {entry.Length} bytes, read {length}");
                }

                if (sniffed != named)
                {
                    throw CasesProblems.ScanContentMismatch(name, named, sniffed);
                }

                await CheckSizeAsync(copy, sniffed, name, limits, ct);
                File.Delete(copy);
                result.Add(new ArchiveEntry(name, folder, segments[1], sniffed, sha256, length));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        var missing = folders.Where(f => !result.Any(e => e.Folder == f)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw Unprocessable("missing-folder", string.Join(", ", missing));
        }

        return result;
    }

    /// <summary>Refuses a scan whose picture (an image, a TIFF page, a PDF page rendered for OCR) is larger than allowed.</summary>
    private static async Task CheckSizeAsync(string copy, string contentType, string name, ArchiveLimits limits, CancellationToken ct)
    {
        if (contentType != "application/pdf")
        {
            await using var image = File.OpenRead(copy);
            limits.Images.CheckImage(image, contentType, name);
            return;
        }

        PdfPageBoxes boxes;
        try
        {
            boxes = await PdfPageBoxes.ReadAsync(copy, int.MaxValue, limits.Tools, ct);
        }
        catch (InvalidOperationException e)
        {
            throw Unprocessable("pdf-unreadable", $"{name}: {e.Message}");
        }

        limits.Images.CheckPdfPages(boxes, name);
    }

    /// <summary>Opens an entry of an archive that passed <see cref="ValidateAsync"/> (for writing its blob).</summary>
    public static async Task<ZipArchive> OpenAsync(Stream zip, CancellationToken ct)
    {
        try
        {
            return await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: Encoding.UTF8, ct);
        }
        catch (InvalidDataException e)
        {
            throw Unprocessable("archive-unreadable", e.Message);
        }
    }

    private static List<ZipArchiveEntry> Entries(ZipArchive archive)
    {
        try
        {
            return [.. archive.Entries];
        }
        catch (InvalidDataException e)
        {
            throw Unprocessable("archive-unreadable", e.Message);
        }
    }

    private static async Task<(string? Sniffed, string Sha256, long Length, uint Crc32)> ReadAsync(ZipArchiveEntry entry, ArchiveLimits limits, long budget, string copy, CancellationToken ct)
    {
        try
        {
            await using var content = await entry.OpenAsync(ct);
            await using var target = new FileStream(copy, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            var read = await content.ReadAtLeastAsync(buffer, 8, throwOnEndOfStream: false, ct);
            string? sniffed;
            using (var head = new MemoryStream(buffer, 0, read, writable: false))
            {
                sniffed = await ContentSniffer.DetectAsync(head, ct);
            }

            long length = 0;
            var crc = Crc32.Start;
            while (read > 0)
            {
                length += read;
                if (length > budget)
                {
                    // Stop decompressing at once: a bomb is refused after reading at most the limit, never stored.
                    throw TooLarge(limits, entry.FullName);
                }

                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                crc = Crc32.Append(crc, buffer.AsSpan(0, read));
                read = await content.ReadAsync(buffer, ct);
            }

            return (sniffed, Convert.ToHexStringLower(sha.GetHashAndReset()), length, Crc32.Finish(crc));
        }
        catch (InvalidDataException e)
        {
            throw Unprocessable("archive-corrupt", $"{entry.FullName}: {e.Message}");
        }
    }

    private static SaasProblemException TooLarge(ArchiveLimits limits, string? entry) =>
        CasesProblems.ArchiveTooLarge(Size(limits.MaxBytes), entry is null ? "declared sizes" : $"limit reached while reading {entry}");

    private static SaasProblemException Unprocessable(string code, string detail) => CasesProblems.ArchiveFault(code, detail);

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{bytes} bytes";

    private static string Display(string value) => new([.. value.Select(c => char.IsControl(c) ? '?' : c)]);
}

/// <summary>CRC-32 as ZIP uses it (IEEE 802.3, reflected, polynomial 0xEDB88320).</summary>
internal static class Crc32
{
    public const uint Start = 0xFFFFFFFF;

    private static readonly uint[] Table = Build();

    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint crc) => ~crc;

    private static uint[] Build()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>Limits for reading an archive someone else made.</summary>
internal sealed record ZipLimits(int MaxEntries, long MaxBytes, long MaxRatio = 200);

/// <summary>An entry extracted to disk, with the type its bytes show.</summary>
internal sealed record ExtractedEntry(string Name, string Path, string ContentType, long Length);

/// <summary>
/// Extracts a ZIP from outside (scan center, scanning company) without trusting it: entry names must be plain
/// relative paths (no absolute paths, no "..", no backslashes — nothing can be written outside the work folder);
/// the number of entries, the declared sizes, the compression ratio and the bytes actually written are all
/// bounded, so a zip bomb is refused before it fills the disk; every file's type is read from its bytes.
/// Errors name the entry.
/// </summary>
internal static class SafeZip
{
    public static async Task<IReadOnlyList<ExtractedEntry>> ExtractAsync(string zipPath, string targetDirectory, ZipLimits limits, CancellationToken ct)
    {
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(File.OpenRead(zipPath), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, ct);
        }
        catch (InvalidDataException ex)
        {
            throw CasesProblems.ZipUnreadable(ex.Message);
        }

        await using (archive)
        {
            var files = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (files.Count == 0)
            {
                throw CasesProblems.ZipEmpty();
            }

            if (files.Count > limits.MaxEntries)
            {
                throw CasesProblems.ZipTooManyEntries(files.Count, limits.MaxEntries);
            }

            long declared = 0;
            foreach (var entry in files)
            {
                CheckName(entry.FullName);
                declared += entry.Length;
                if (declared > limits.MaxBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > limits.MaxRatio))
                {
                    throw CasesProblems.ZipTooLarge(entry.FullName, limits.MaxBytes);
                }
            }

            var root = Path.GetFullPath(targetDirectory);
            var extracted = new List<ExtractedEntry>();
            long written = 0;
            var index = 0;
            foreach (var entry in files.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                // Entries are written under generated names; the archive's names are kept only as labels.
                var target = Path.GetFullPath(Path.Combine(root, $"entry-{index++:D5}"));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw CasesProblems.ZipUnsafePath(entry.FullName);
                }

                var source = await entry.OpenAsync(ct);
                await using (source)
                {
                    var output = File.Create(target);
                    await using (output)
                    {
                        var buffer = new byte[81920];
                        int read;
                        while ((read = await source.ReadAsync(buffer, ct)) > 0)
                        {
                            // The declared size can lie; the bytes actually inflated cannot.
                            written += read;
                            if (written > limits.MaxBytes)
                            {
                                throw CasesProblems.ZipTooLarge(entry.FullName, limits.MaxBytes);
                            }

                            await output.WriteAsync(buffer.AsMemory(0, read), ct);
                        }
                    }
                }

                string? type;
                var check = File.OpenRead(target);
                await using (check)
                {
                    type = await ContentSniffer.DetectAsync(check, ct);
                }

                if (type is null)
                {
                    throw CasesProblems.ZipEntryType(entry.FullName);
                }

                extracted.Add(new ExtractedEntry(entry.FullName, target, type, new FileInfo(target).Length));
            }

            return extracted;
        }
    }

    internal static void CheckName(string name)
    {
        if (!IsSafeName(name))
        {
            throw CasesProblems.ZipUnsafePath(name);
        }
    }

    /// <summary>
    /// Whether an entry name from someone else's archive is a plain relative path (the kernel's rule for every archive
    /// the platform reads, <see cref="ArchiveNames.IsPlainRelative"/>). Shared by every archive the e-Akte reads.
    /// </summary>
    internal static bool IsSafeName(string name) => ArchiveNames.IsPlainRelative(name);
}

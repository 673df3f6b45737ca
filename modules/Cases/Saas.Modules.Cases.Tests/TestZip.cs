namespace Saas.Modules.Cases.Tests;

/// <summary>A ZIP archive in memory with the given entries, for the tests of everything that reads archives from outside.</summary>
internal static class TestZip
{
    public static byte[] Create(params (string Path, byte[] Content)[] entries) => Create(CompressionLevel.Optimal, entries);

    public static byte[] Create(CompressionLevel level, params (string Path, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var stream = zip.CreateEntry(path, level).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}

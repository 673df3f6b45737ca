namespace Saas.Platform.Metadata;

/// <summary>Names of files inside an archive or folder that someone else wrote.</summary>
internal static class ArchiveNames
{
    /// <summary>
    /// Whether a name is a plain relative path that cannot reach outside the folder it is unpacked into: not empty
    /// or overlong, no leading '/', no backslash, no drive letter or other colon, no control character, and no empty,
    /// '.', '..' or space-padded segment (a folder entry's trailing '/' aside).
    /// </summary>
    public static bool IsPlainRelative(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var segments = (name.EndsWith('/') ? name[..^1] : name).Split('/');
        return name.Length is > 0 and <= 512
               && !name.StartsWith('/')
               && !name.Contains('\\', StringComparison.Ordinal)
               && !name.Contains(':', StringComparison.Ordinal)
               && !name.Any(char.IsControl)
               && segments.All(s => s.Length > 0 && s != "." && s != ".." && s.Trim().Length == s.Length);
    }
}

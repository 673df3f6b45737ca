namespace Saas.Platform.Storage;

/// <summary>
/// Recognises the formats the platform stores by their first bytes, whatever the name or declared type says: PDF, PNG,
/// JPEG and TIFF. Shared by every module that takes files from outside (the e-Akte's uploads, the portal's evidence).
/// </summary>
public static class ContentSniffer
{
    /// <summary>The type the content starts like, or null for anything else; reads at most 8 bytes.</summary>
    public static async Task<string?> DetectAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[8];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return Detect(head.AsSpan(0, read));
    }

    public static string? Detect(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => "image/tiff",
        _ => null,
    };
}

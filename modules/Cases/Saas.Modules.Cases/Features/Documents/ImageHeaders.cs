using System.Buffers.Binary;

namespace Saas.Modules.Cases.Features.Documents;

/// <summary>One picture of an image file (a TIFF has one per page): its declared size and bits per pixel.</summary>
internal sealed record ImageFrame(long Width, long Height, int BitsPerPixel)
{
    public long Pixels => Width * Height;

    /// <summary>Bytes the picture takes decoded, at least one byte per pixel (the OCR tools work on 8-bit grey or more).</summary>
    public long DecodedBytes => Pixels * Math.Max(8, BitsPerPixel) / 8;
}

/// <summary>
/// Reads the declared pixel size of PNG (IHDR), JPEG (SOFn) and TIFF (every IFD) files from their headers, without
/// decoding a pixel, so that a 400 KB file that would decode to gigabytes (a decompression bomb) is refused before it
/// is stored. Every read is bounded: the TIFF pages and directory entries, the JPEG segments, and every offset must
/// lie inside the file. A header that cannot be read is a <see cref="FormatException"/>.
/// </summary>
internal static class ImageHeaders
{
    public const int MaxTiffPages = 10_000;
    private const int MaxTiffEntries = 4096;
    private const int MaxJpegSegments = 100_000;

    /// <param name="image">A seekable stream at any position; it is read from its start.</param>
    public static IReadOnlyList<ImageFrame> Read(Stream image, string contentType)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.CanSeek)
        {
            throw new ArgumentException("The image must be seekable.", nameof(image));
        }

        image.Position = 0;
        return contentType switch
        {
            "image/png" => [Png(image)],
            "image/jpeg" => [Jpeg(image)],
            "image/tiff" => Tiff(image),
            _ => throw new ArgumentException($"Not an image type: {contentType}", nameof(contentType)),
        };
    }

    private static ImageFrame Png(Stream s)
    {
        // Signature (8), chunk length (4), "IHDR" (4), width, height, bit depth, colour type: the first chunk must be IHDR.
        Span<byte> h = stackalloc byte[26];
        ReadExactly(s, h);
        if (!h.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new FormatException("The PNG does not start with its IHDR chunk.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(h[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(h[20..]);
        int depth = h[24];
        var channels = h[25] switch
        {
            0 => 1, // grey
            2 => 3, // RGB
            3 => 1, // palette
            4 => 2, // grey and alpha
            6 => 4, // RGB and alpha
            _ => throw new FormatException($"Unknown PNG colour type {h[25]}."),
        };
        return Frame(width, height, depth * channels);
    }

    private static ImageFrame Jpeg(Stream s)
    {
        Span<byte> two = stackalloc byte[2];
        ReadExactly(s, two);
        if (two[0] != 0xFF || two[1] != 0xD8)
        {
            throw new FormatException("The JPEG does not start with SOI.");
        }

        for (var segments = 0; segments < MaxJpegSegments; segments++)
        {
            int marker;
            do
            {
                marker = s.ReadByte();
            }
            while (marker == 0xFF);

            if (marker < 0)
            {
                break;
            }

            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                continue; // markers without a length
            }

            if (marker is 0xD9 or 0xDA)
            {
                break; // end of image, or the scan started before any frame header
            }

            ReadExactly(s, two);
            var length = BinaryPrimitives.ReadUInt16BigEndian(two);
            if (length < 2)
            {
                throw new FormatException("A JPEG segment has an impossible length.");
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                // SOFn: precision, height, width, number of components.
                Span<byte> sof = stackalloc byte[6];
                ReadExactly(s, sof);
                var height = BinaryPrimitives.ReadUInt16BigEndian(sof[1..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(sof[3..]);
                if (height == 0)
                {
                    throw new FormatException("The JPEG declares its height later (DNL), which is not accepted.");
                }

                return Frame(width, height, sof[0] * sof[5]);
            }

            var next = s.Position + length - 2;
            if (next > s.Length)
            {
                throw new FormatException("A JPEG segment runs past the end of the file.");
            }

            s.Position = next;
        }

        throw new FormatException("The JPEG has no frame header (SOF) where one was expected.");
    }

    private static List<ImageFrame> Tiff(Stream s)
    {
        Span<byte> head = stackalloc byte[8];
        ReadExactly(s, head);
        var little = head[0] == 0x49;
        if (!(head[..4].SequenceEqual("II*\0"u8) || head[..4].SequenceEqual("MM\0*"u8)))
        {
            throw new FormatException("Not a classic TIFF (BigTIFF is not accepted).");
        }

        var frames = new List<ImageFrame>();
        var seen = new HashSet<long>();
        long offset = U32(head[4..], little);
        Span<byte> entry = stackalloc byte[12];
        Span<byte> next = stackalloc byte[4];
        while (offset != 0)
        {
            if (frames.Count >= MaxTiffPages)
            {
                throw new FormatException($"The TIFF has more than {MaxTiffPages} pages.");
            }

            if (!seen.Add(offset) || offset < 8 || offset + 2 > s.Length)
            {
                throw new FormatException("A TIFF directory offset is outside the file or loops.");
            }

            s.Position = offset;
            ReadExactly(s, entry[..2]);
            var count = U16(entry, little);
            if (count > MaxTiffEntries || offset + 2 + (count * 12L) + 4 > s.Length)
            {
                throw new FormatException("A TIFF directory has too many entries or runs past the end of the file.");
            }

            long width = -1, height = -1, samples = 1, bitsPerSample = 1, bitsValues = 1;
            for (var i = 0; i < count; i++)
            {
                ReadExactly(s, entry);
                var tag = U16(entry, little);
                var type = U16(entry[2..], little);
                var values = U32(entry[4..], little);
                switch (tag)
                {
                    case 256:
                        width = Value(entry, type, little);
                        break;
                    case 257:
                        height = Value(entry, type, little);
                        break;
                    case 258:
                        // One value per sample; when they do not fit into the entry they lie elsewhere: read the first.
                        bitsPerSample = values * 2 <= 4 ? Value(entry, type, little) : FirstShortAt(s, U32(entry[8..], little), little);
                        bitsValues = Math.Max(1, values);
                        break;
                    case 277:
                        samples = Value(entry, type, little);
                        break;
                    default:
                        break;
                }
            }

            ReadExactly(s, next);
            if (width < 0 || height < 0)
            {
                throw new FormatException("A TIFF page does not declare its width and height.");
            }

            var bitsPerPixel = Math.Clamp(bitsPerSample, 1, 64) * Math.Clamp(Math.Max(samples, bitsValues), 1, 16);
            frames.Add(Frame(width, height, (int)bitsPerPixel));
            offset = U32(next, little);
        }

        return frames.Count > 0 ? frames : throw new FormatException("The TIFF has no page.");
    }

    private static long FirstShortAt(Stream s, long offset, bool little)
    {
        if (offset + 2 > s.Length)
        {
            throw new FormatException("A TIFF value lies outside the file.");
        }

        var back = s.Position;
        s.Position = offset;
        Span<byte> value = stackalloc byte[2];
        ReadExactly(s, value);
        s.Position = back;
        return U16(value, little);
    }

    /// <summary>A SHORT (3) or LONG (4) value held in the entry itself.</summary>
    private static long Value(ReadOnlySpan<byte> entry, int type, bool little) => type switch
    {
        3 => U16(entry[8..], little),
        4 => U32(entry[8..], little),
        _ => throw new FormatException($"A TIFF size has the unexpected type {type}."),
    };

    private static ImageFrame Frame(long width, long height, int bitsPerPixel) =>
        width > 0 && height > 0 && bitsPerPixel > 0 ? new ImageFrame(width, height, bitsPerPixel) : throw new FormatException("The image declares no size.");

    private static int U16(ReadOnlySpan<byte> b, bool little) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static long U32(ReadOnlySpan<byte> b, bool little) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

    private static void ReadExactly(Stream s, Span<byte> buffer)
    {
        try
        {
            s.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new FormatException("The image header ends early.");
        }
    }
}

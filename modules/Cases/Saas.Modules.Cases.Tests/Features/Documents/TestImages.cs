using System.Buffers.Binary;
using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>Images built in the test, a few bytes each: real headers, and decompression bombs that declare giant sizes.</summary>
internal static class TestImages
{
    private static readonly Lazy<byte[]> GiantPng = new(() => Png(20_000, 20_000));

    /// <summary>A PNG of 20,000 × 20,000 grey pixels, all zero: about 400 KB on disk, 400 MB decoded.</summary>
    public static byte[] PngBomb => GiantPng.Value;

    /// <summary>A grey 8-bit PNG whose rows are all zero, compressed (zlib) as the IDAT chunk.</summary>
    public static byte[] Png(int width, int height, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, level, leaveOpen: true))
        {
            var row = new byte[width + 1]; // filter byte, then the pixels
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        return PngWith(width, height, raw.ToArray());
    }

    /// <summary>A PNG with a correct header for a small picture and <paramref name="idat"/> as its pixel data (garbage, if the test wants an unreadable image).</summary>
    public static byte[] PngWith(int width, int height, byte[] idat)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace 0
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A little-endian TIFF whose pages declare these sizes (grey, 8 bits); each page's one strip holds 16 zero bytes.</summary>
    public static byte[] Tiff(params (int Width, int Height)[] pages)
    {
        using var tiff = new MemoryStream();
        var w = new BinaryWriter(tiff);
        w.Write("II*\0"u8);
        w.Write(8u);
        for (var i = 0; i < pages.Length; i++)
        {
            const ushort entries = 8;
            var ifd = tiff.Position;
            var strip = ifd + 2 + (entries * 12) + 4;
            w.Write(entries);
            Entry(w, 256, 4, 1, (uint)pages[i].Width);
            Entry(w, 257, 4, 1, (uint)pages[i].Height);
            Entry(w, 258, 3, 1, 8);
            Entry(w, 259, 3, 1, 1); // no compression
            Entry(w, 262, 3, 1, 1); // black is zero
            Entry(w, 273, 4, 1, (uint)strip);
            Entry(w, 277, 3, 1, 1);
            Entry(w, 279, 4, 1, 16);
            var next = i + 1 < pages.Length ? (uint)(strip + 16) : 0u;
            w.Write(next);
            w.Write(new byte[16]);
        }

        w.Flush();
        return tiff.ToArray();
    }

    private static void Entry(BinaryWriter w, ushort tag, ushort type, uint count, uint value)
    {
        w.Write(tag);
        w.Write(type);
        w.Write(count);
        if (type == 3)
        {
            w.Write((ushort)value);
            w.Write((ushort)0);
        }
        else
        {
            w.Write(value);
        }
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        png.Write(header);
        png.Write(data);
        var crc = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, header.AsSpan(4)), data));
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        png.Write(tail);
    }
}

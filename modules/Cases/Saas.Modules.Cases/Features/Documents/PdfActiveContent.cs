namespace Saas.Modules.Cases.Features.Documents;

/// <summary>
/// Finds JavaScript in a PDF: a name <c>/JavaScript</c> or <c>/JS</c> anywhere, also written with <c>#xx</c> escapes
/// (<c>/J#53</c>) and also inside compressed streams (object streams hide whole dictionaries, an <c>/OpenAction</c>
/// among them). A document of an authority never needs script; an upload that has it is refused (docs/adr/0012,
/// README "Browser hardening"). pdfinfo -js is not enough: it does not look at the catalogue's /OpenAction.
/// </summary>
internal static class PdfActiveContent
{
    /// <summary>Inflated bytes looked at per document at most; a stream beyond that is not inflated further.</summary>
    private const long MaxInflatedBytes = 64L * 1024 * 1024;

    public static bool HasJavaScript(ReadOnlySpan<byte> pdf)
    {
        if (HasScriptName(pdf))
        {
            return true;
        }

        long budget = MaxInflatedBytes;
        var position = 0;
        while (budget > 0)
        {
            var start = IndexOf(pdf, "stream"u8, position);
            if (start < 0)
            {
                return false;
            }

            var data = start + "stream".Length;
            // "endstream" also contains "stream": skip it.
            if (start >= 3 && pdf[(start - 3)..start].SequenceEqual("end"u8))
            {
                position = data;
                continue;
            }

            if (data < pdf.Length && pdf[data] == '\r')
            {
                data++;
            }

            if (data < pdf.Length && pdf[data] == '\n')
            {
                data++;
            }

            var end = IndexOf(pdf, "endstream"u8, data);
            if (end < 0)
            {
                end = pdf.Length;
            }

            if (Inflated(pdf[data..end], ref budget) is { } inflated && HasScriptName(inflated))
            {
                return true;
            }

            position = end;
        }

        return false;
    }

    /// <summary>The stream's bytes inflated (zlib), or null when they are not a zlib stream.</summary>
    private static byte[]? Inflated(ReadOnlySpan<byte> data, ref long budget)
    {
        if (data.Length < 2 || (data[0] & 0x0F) != 8 || ((data[0] << 8) | data[1]) % 31 != 0)
        {
            return null;
        }

        using var input = new MemoryStream(data.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while (budget > 0 && (read = zlib.Read(buffer, 0, (int)Math.Min(buffer.Length, budget))) > 0)
            {
                output.Write(buffer, 0, read);
                budget -= read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A damaged stream, or bytes that only began like zlib (ZLibException, an IOException, for a header the
            // inflater refuses): what was inflated before is still looked at, and the stream itself as it is.
        }

        return output.ToArray();
    }

    /// <summary>Whether a name token decodes (#xx escapes) to JavaScript or JS.</summary>
    private static bool HasScriptName(ReadOnlySpan<byte> bytes)
    {
        Span<byte> name = stackalloc byte[16];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '/')
            {
                continue;
            }

            var length = 0;
            var j = i + 1;
            while (j < bytes.Length && !IsDelimiter(bytes[j]) && length < name.Length)
            {
                if (bytes[j] == '#' && j + 2 < bytes.Length && IsHex(bytes[j + 1]) && IsHex(bytes[j + 2]))
                {
                    name[length++] = (byte)((Hex(bytes[j + 1]) << 4) | Hex(bytes[j + 2]));
                    j += 3;
                }
                else
                {
                    name[length++] = bytes[j++];
                }
            }

            var token = name[..length];
            if ((j >= bytes.Length || IsDelimiter(bytes[j])) && (token.SequenceEqual("JS"u8) || token.SequenceEqual("JavaScript"u8)))
            {
                return true;
            }

            i = j - 1;
        }

        return false;
    }

    private static int IndexOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> value, int from)
    {
        var found = bytes[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    private static bool IsDelimiter(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0
        or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}

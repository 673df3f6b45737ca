using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;

namespace Saas.Modules.Applications.Features.FimImport;

/// <summary>How much one import may read: bytes per file, element depth and count, and time for the whole import.</summary>
internal sealed record FimImportLimits(long MaxBytes = 16 * 1024 * 1024, int MaxDepth = 64, int MaxElements = 250_000, int MaxCodeListFiles = 200,
    double BudgetSeconds = 10)
{
    public static FimImportLimits Default { get; } = new();
}

/// <summary>An import error where it stands in the file (1-based line and column; 0 when the file could not be opened at all).</summary>
internal sealed record FimImportError(string File, int Line, int Column, LocalizedText Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {TextCatalog.Shared.Format(Message)}";
}

/// <summary>Thrown inside the importer to stop at the first error that leaves nothing sensible to map; never leaves it.</summary>
internal sealed class FimImportStop(FimImportError error) : Exception(error.ToString())
{
    public FimImportError Error { get; } = error;
}

/// <summary>
/// Reads an XML file of FIM as untrusted input: no DTD (refused, so no entity expansion), no external resolution,
/// bounded size, depth, element count and time; line information kept for located errors.
/// </summary>
internal static class FimXml
{
    public static XDocument Load(string path, FimImportLimits limits, Stopwatch clock)
    {
        var name = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FimImportStop(new FimImportError(name, 0, 0, LocalizedText.Of("applications.fim.file-missing")));
        }

        if (info.Length > limits.MaxBytes)
        {
            throw new FimImportStop(new FimImportError(name, 0, 0, LocalizedText.Of("applications.fim.too-large", ("bytes", info.Length), ("max", limits.MaxBytes))));
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxBytes * 2,
            MaxCharactersFromEntities = 0,
            IgnoreProcessingInstructions = true,
        };
        IXmlLineInfo? where = null;
        try
        {
            // First pass: depth, count and time, streaming, before a tree is built.
            using (var stream = File.OpenRead(path))
            using (var reader = XmlReader.Create(stream, settings))
            {
                where = (IXmlLineInfo)reader;
                var elements = 0;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    var line = (IXmlLineInfo)reader;
                    if (++elements > limits.MaxElements)
                    {
                        throw new FimImportStop(new FimImportError(name, line.LineNumber, line.LinePosition,
                            LocalizedText.Of("applications.fim.too-many-elements", ("max", limits.MaxElements))));
                    }

                    if (reader.Depth >= limits.MaxDepth)
                    {
                        throw new FimImportStop(new FimImportError(name, line.LineNumber, line.LinePosition,
                            LocalizedText.Of("applications.fim.too-deep", ("max", limits.MaxDepth))));
                    }

                    if ((elements & 1023) == 0)
                    {
                        CheckTime(name, limits, clock);
                    }
                }
            }

            using var again = File.OpenRead(path);
            using var tree = XmlReader.Create(again, settings);
            return XDocument.Load(tree, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // Some refusals (a DOCTYPE) come without a position; the reader still knows where it stood.
            var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition)
                : where is { LineNumber: > 0 } ? (where.LineNumber, where.LinePosition) : Doctype(path);
            throw new FimImportStop(new FimImportError(name, line, column, LocalizedText.Of("applications.fim.not-xml", ("reason", e.Message))));
        }
    }

    /// <summary>Where the refused DOCTYPE stands (.NET's refusal names no position), searched in the file's first 64 KB.</summary>
    private static (int Line, int Column) Doctype(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[65536];
        var text = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
        var at = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return (0, 0);
        }

        var line = text.AsSpan(0, at).Count('\n') + 1;
        return (line, at - text.LastIndexOf('\n', Math.Max(at - 1, 0)));
    }

    public static void CheckTime(string file, FimImportLimits limits, Stopwatch clock)
    {
        if (clock.Elapsed.TotalSeconds > limits.BudgetSeconds)
        {
            throw new FimImportStop(new FimImportError(file, 0, 0, LocalizedText.Of("applications.fim.too-slow", ("seconds", limits.BudgetSeconds))));
        }
    }

    public static (int Line, int Column) Where(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);
}

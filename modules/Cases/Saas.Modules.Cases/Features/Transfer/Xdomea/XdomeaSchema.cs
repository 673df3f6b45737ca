using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Saas.Modules.Cases.Features.Transfer.Xdomea;

/// <summary>
/// The official xdomea 3.0.0 schemas of the hand-over (<c>xdomea-Nachrichten-AbgabeDurchfuehren.xsd</c> and what it
/// includes, byte for byte as published by the KoSIT; README.md beside them), embedded in the module, and the one way
/// the hand-over reads an xdomea message from outside: bounded, without DTD or resolver, validated against these
/// schemas, every violation a 400 that names the entry, line and position (docs/adr/0015).
/// </summary>
internal static class XdomeaSchema
{
    public static readonly XNamespace Ns = "urn:xoev-de:xdomea:schema:3.0.0";

    /// <summary>Where the embedded schemas pretend to live, so that their relative includes resolve among themselves only.</summary>
    private const string Root = "file:///xdomea/";

    private const string EntrySchema = "xdomea_3.0.0/xdomea-Nachrichten-AbgabeDurchfuehren.xsd";

    /// <summary>Nesting a message of ours needs is 12 (Akte/Akteninhalt/Vorgang/Dokument/Version/Format/Primaerdokument/…); foreign ones get room.</summary>
    public const int MaxDepth = 64;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled schema set (read-only after compiling; validation may share it).</summary>
    public static XmlSchemaSet Set => Schemas.Value;

    /// <summary>
    /// Reads one xdomea message that came from outside: at most <paramref name="maxCharacters"/> characters, nested at
    /// most <see cref="MaxDepth"/> levels (counted by a plain reader first, in linear time), schema-valid, with the
    /// root <paramref name="expectedRoot"/>.
    /// </summary>
    public static async Task<XDocument> LoadAsync(Stream stream, string entry, IReadOnlyCollection<XName> expectedRoots, long maxCharacters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(expectedRoots);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        try
        {
            buffer.Position = 0;
            using (var scan = XmlReader.Create(buffer, Settings(maxCharacters, validate: false)))
            {
                while (await scan.ReadAsync())
                {
                    if (scan.Depth > MaxDepth)
                    {
                        var at = (IXmlLineInfo)scan;
                        throw CasesProblems.XdomeaInvalid(entry, at.LineNumber, at.LinePosition, $"nested more than {MaxDepth} levels deep");
                    }

                    if (scan.Depth == 0 && scan.NodeType == XmlNodeType.Element && !expectedRoots.Contains(XName.Get(scan.LocalName, scan.NamespaceURI)))
                    {
                        // Elements the schema set does not declare are not errors to a validating reader (only warnings): the root is checked here.
                        var at = (IXmlLineInfo)scan;
                        throw CasesProblems.XdomeaInvalid(entry, at.LineNumber, at.LinePosition,
                            $"the root element is {{{scan.NamespaceURI}}}{scan.LocalName}; expected {string.Join(" or ", expectedRoots)}");
                    }
                }
            }

            buffer.Position = 0;
            var settings = Settings(maxCharacters, validate: true);
            settings.ValidationEventHandler += (_, e) =>
            {
                if (e.Severity == XmlSeverityType.Error)
                {
                    throw CasesProblems.XdomeaInvalid(entry, e.Exception.LineNumber, e.Exception.LinePosition, e.Message);
                }
            };
            using var reader = XmlReader.Create(buffer, settings);
            return await XDocument.LoadAsync(reader, LoadOptions.SetLineInfo, ct);
        }
        catch (XmlException ex)
        {
            throw CasesProblems.XdomeaInvalid(entry, ex.LineNumber, ex.LinePosition, ex.Message);
        }
        catch (XmlSchemaException ex)
        {
            throw CasesProblems.XdomeaInvalid(entry, ex.LineNumber, ex.LinePosition, ex.Message);
        }
    }

    /// <summary>
    /// Checks a message this platform wrote, before it leaves: a message that other systems could not read is a defect
    /// here, not a package to send. Throws <see cref="InvalidOperationException"/> naming the first violation.
    /// </summary>
    public static void EnsureValid(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Validate(Set, (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                throw new InvalidOperationException($"The xdomea message written here violates the xdomea 3.0.0 schema: {e.Message}", e.Exception);
            }
        });
    }

    private static XmlReaderSettings Settings(long maxCharacters, bool validate)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
            Async = true,
        };
        if (validate)
        {
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = Set;
            // Only the embedded schemas count: no xsi:schemaLocation, no inline schema may bring its own rules.
            settings.ValidationFlags = XmlSchemaValidationFlags.None;
        }

        return settings;
    }

    private static XmlSchemaSet Compile()
    {
        var set = new XmlSchemaSet { XmlResolver = new EmbeddedResolver() };
        using (var entry = Open(EntrySchema))
        using (var reader = XmlReader.Create(entry, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }, Root + EntrySchema))
        {
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }

    private static Stream Open(string path) =>
        typeof(XdomeaSchema).Assembly.GetManifestResourceStream("xdomea/" + path)
        ?? throw new InvalidOperationException($"The embedded xdomea schema {path} is missing from the module.");

    /// <summary>Resolves the schemas' includes and imports to the embedded copies; anything else is refused.</summary>
    private sealed class EmbeddedResolver : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            ArgumentNullException.ThrowIfNull(absoluteUri);
            var uri = absoluteUri.AbsoluteUri;
            return uri.StartsWith(Root, StringComparison.Ordinal)
                ? Open(uri[Root.Length..])
                : throw new XmlException($"Only the embedded xdomea schemas are resolved, not {uri}.");
        }
    }
}

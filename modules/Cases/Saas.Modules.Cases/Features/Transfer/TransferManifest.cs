using System.Xml;
using System.Xml.Linq;

namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>The message header (xdomea: Nachrichtenkopf): who hands over to whom, when, and why.</summary>
internal sealed record ManifestHeader(Guid MessageId, DateTimeOffset CreatedAt, string SenderKey, string SenderName, string ReceiverKey, string ReceiverName, string Reason);

/// <summary>The person the file is about.</summary>
internal sealed record ManifestPerson(string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities, IReadOnlyList<string> NameVariants, string? CentralRegisterNumber);

/// <summary>A procedure (xdomea: Vorgang) in the file; <see cref="Id"/> is the sender's id, used for references inside the manifest.</summary>
internal sealed record ManifestCase(Guid Id, string Kind, string Title, string Status, string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>A document (xdomea: Dokument) and where its bytes are in the package.</summary>
internal sealed record ManifestDocument(
    Guid Id, string DocumentType, string Title, string Source, string ContentType, DateTimeOffset CreatedAt, bool PaperOriginal,
    string Sha256, long Length, string FileName, Guid? CaseId);

/// <summary>The whole hand-over message: header and one file (xdomea: Akte) with its procedures and documents.</summary>
internal sealed record TransferManifest(
    ManifestHeader Header, string FileNumber, ManifestPerson Person, IReadOnlyList<ManifestCase> Cases, IReadOnlyList<ManifestDocument> Documents)
{
    /// <summary>Own namespace: the structure follows xdomea, the element set does not claim to be xdomea (see README.md).</summary>
    public static readonly XNamespace Ns = "urn:saas:xdomea-style:1";

    /// <summary>Nesting a manifest may have; the format itself needs four (Abgabe/Akte/Dokument/Pruefsumme and its text).</summary>
    private const int MaxDepth = 32;

    /// <summary>xdomea's message for handing files over between authorities is Abgabe.Abgabe.0401.</summary>
    public const string MessageType = "0401";

    public const string FormatVersion = "1";

    public const string EntryName = "manifest.xml";

    public static string DocumentEntry(string sha256) => "documents/" + sha256;

    public XDocument ToXml()
    {
        var akte = new XElement(Ns + "Akte",
            new XElement(Ns + "Aktenzeichen", FileNumber),
            new XElement(Ns + "Person",
                new XElement(Ns + "Familienname", Person.Surname),
                new XElement(Ns + "Vornamen", Person.GivenNames),
                Person.BirthDate is { } birth ? new XElement(Ns + "Geburtsdatum", birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
                Person.Nationalities.Select(n => new XElement(Ns + "Staatsangehoerigkeit", n)),
                Person.NameVariants.Select(v => new XElement(Ns + "Namensvariante", v)),
                Person.CentralRegisterNumber is { } azr ? new XElement(Ns + "AZRNummer", azr) : null),
            Cases.Select(p => new XElement(Ns + "Vorgang",
                new XAttribute("ID", p.Id),
                new XElement(Ns + "Art", p.Kind),
                new XElement(Ns + "Titel", p.Title),
                new XElement(Ns + "Status", p.Status),
                p.Outcome is { } outcome ? new XElement(Ns + "Ergebnis", outcome) : null,
                new XElement(Ns + "Eroeffnet", Timestamp(p.OpenedAt)),
                p.ClosedAt is { } closed ? new XElement(Ns + "Abgeschlossen", Timestamp(closed)) : null)),
            Documents.Select(d => new XElement(Ns + "Dokument",
                new XAttribute("ID", d.Id),
                d.CaseId is { } procedure ? new XAttribute("Vorgang", procedure) : null,
                new XElement(Ns + "Typ", d.DocumentType),
                new XElement(Ns + "Titel", d.Title),
                new XElement(Ns + "Quelle", d.Source),
                new XElement(Ns + "Mimetyp", d.ContentType),
                new XElement(Ns + "Erstellt", Timestamp(d.CreatedAt)),
                new XElement(Ns + "Papieroriginal", d.PaperOriginal ? "true" : "false"),
                new XElement(Ns + "Pruefsumme", new XAttribute("Algorithmus", "SHA-256"), d.Sha256),
                new XElement(Ns + "Laenge", d.Length.ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "Dateiname", d.FileName))));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Ns + "Abgabe",
                new XAttribute("Version", FormatVersion),
                new XElement(Ns + "Nachrichtenkopf",
                    new XElement(Ns + "NachrichtenID", Header.MessageId),
                    new XElement(Ns + "Nachrichtentyp", MessageType),
                    new XElement(Ns + "Erstellungszeitpunkt", Timestamp(Header.CreatedAt)),
                    new XElement(Ns + "Absender", new XElement(Ns + "Kennung", Header.SenderKey), new XElement(Ns + "Name", Header.SenderName)),
                    new XElement(Ns + "Empfaenger", new XElement(Ns + "Kennung", Header.ReceiverKey), new XElement(Ns + "Name", Header.ReceiverName)),
                    new XElement(Ns + "Abgabegrund", Header.Reason)),
                akte));
    }

    public async Task WriteAsync(Stream stream, CancellationToken ct)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(stream, settings);
        await ToXml().SaveAsync(writer, ct);
    }

    /// <summary>
    /// Reads a manifest that came from outside. No DTD (so no entity expansion, no external entities), no resolver,
    /// a bounded size; every required element must be there exactly once. Any failure is a 400 naming the place.
    /// </summary>
    public static async Task<TransferManifest> ParseAsync(Stream stream, long maxCharacters, CancellationToken ct)
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
        XDocument document;
        try
        {
            // XDocument builds a deep tree in quadratic time (100,000 levels: about 40 s); a plain reader counts
            // the depth in linear time first (Hardening item 1), so the manifest is read twice, from memory.
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            using (var scan = XmlReader.Create(buffer, settings))
            {
                while (await scan.ReadAsync())
                {
                    if (scan.Depth > MaxDepth)
                    {
                        throw Invalid($"manifest.xml: nested more than {MaxDepth} levels deep (line {((IXmlLineInfo)scan).LineNumber}).");
                    }
                }
            }

            buffer.Position = 0;
            using var reader = XmlReader.Create(buffer, settings);
            document = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException ex)
        {
            throw Invalid($"manifest.xml: {ex.Message}");
        }

        var root = document.Root!;
        if (root.Name != Ns + "Abgabe")
        {
            throw Invalid($"manifest.xml: the root element must be Abgabe in the namespace {Ns}, found {root.Name}.");
        }

        if ((string?)root.Attribute("Version") != FormatVersion)
        {
            throw Invalid($"manifest.xml: Version \"{(string?)root.Attribute("Version")}\" is not supported; expected \"{FormatVersion}\".");
        }

        var head = One(root, "Nachrichtenkopf");
        if (Text(head, "Nachrichtentyp") != MessageType)
        {
            throw Invalid($"Nachrichtenkopf/Nachrichtentyp must be {MessageType} (Abgabe).");
        }

        var sender = One(head, "Absender");
        var receiver = One(head, "Empfaenger");
        var header = new ManifestHeader(
            GuidOf(head, "NachrichtenID"),
            TimeOf(head, "Erstellungszeitpunkt"),
            Text(sender, "Kennung"),
            Text(sender, "Name"),
            Text(receiver, "Kennung"),
            Text(receiver, "Name"),
            Text(head, "Abgabegrund"));

        var akte = One(root, "Akte");
        var person = One(akte, "Person");
        var birth = Optional(person, "Geburtsdatum");
        var parsedPerson = new ManifestPerson(
            Text(person, "Familienname"),
            Optional(person, "Vornamen") ?? "",
            birth is null ? null : DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Invalid($"Person/Geburtsdatum \"{birth}\" is not a date (yyyy-MM-dd)."),
            [.. person.Elements(Ns + "Staatsangehoerigkeit").Select(e => e.Value.Trim())],
            [.. person.Elements(Ns + "Namensvariante").Select(e => e.Value.Trim())],
            Optional(person, "AZRNummer"));

        var procedures = akte.Elements(Ns + "Vorgang").Select(v => new ManifestCase(
            AttributeGuid(v, "ID"),
            Text(v, "Art"),
            Text(v, "Titel"),
            Text(v, "Status"),
            Optional(v, "Ergebnis"),
            TimeOf(v, "Eroeffnet"),
            Optional(v, "Abgeschlossen") is null ? null : TimeOf(v, "Abgeschlossen"))).ToList();

        var documents = akte.Elements(Ns + "Dokument").Select(d =>
        {
            var checksum = One(d, "Pruefsumme");
            if ((string?)checksum.Attribute("Algorithmus") != "SHA-256")
            {
                throw Invalid($"Dokument {(string?)d.Attribute("ID")}: Pruefsumme must name Algorithmus=\"SHA-256\".");
            }

            var paper = Text(d, "Papieroriginal");
            var length = Text(d, "Laenge");
            return new ManifestDocument(
                AttributeGuid(d, "ID"),
                Text(d, "Typ"),
                Text(d, "Titel"),
                Text(d, "Quelle"),
                Text(d, "Mimetyp"),
                TimeOf(d, "Erstellt"),
                paper switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw Invalid($"Dokument {(string?)d.Attribute("ID")}: Papieroriginal must be true or false."),
                },
                checksum.Value.Trim(),
                long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                    ? bytes
                    : throw Invalid($"Dokument {(string?)d.Attribute("ID")}: Laenge \"{length}\" is not a number of bytes."),
                Text(d, "Dateiname"),
                d.Attribute("Vorgang") is null ? null : AttributeGuid(d, "Vorgang"));
        }).ToList();

        return new TransferManifest(header, Text(akte, "Aktenzeichen"), parsedPerson, procedures, documents);
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static XElement One(XElement parent, string name)
    {
        using var found = parent.Elements(Ns + name).GetEnumerator();
        if (!found.MoveNext())
        {
            throw Invalid($"{Path(parent)}: the element {name} is missing.");
        }

        var element = found.Current;
        if (found.MoveNext())
        {
            throw Invalid($"{Path(parent)}: the element {name} occurs more than once.");
        }

        return element;
    }

    private static string Text(XElement parent, string name)
    {
        var value = One(parent, name).Value.Trim();
        return value.Length > 0 ? value : throw Invalid($"{Path(parent)}/{name} is empty.");
    }

    private static string? Optional(XElement parent, string name) =>
        parent.Elements(Ns + name).Any() ? One(parent, name).Value.Trim() is { Length: > 0 } value ? value : null : null;

    private static Guid GuidOf(XElement parent, string name) =>
        Guid.TryParse(Text(parent, name), out var id) ? id : throw Invalid($"{Path(parent)}/{name} is not a GUID.");

    private static Guid AttributeGuid(XElement element, string name) =>
        Guid.TryParse((string?)element.Attribute(name), out var id) ? id : throw Invalid($"{Path(element)}: the attribute {name} is missing or not a GUID.");

    private static DateTimeOffset TimeOf(XElement parent, string name)
    {
        var text = Text(parent, name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw Invalid($"{Path(parent)}/{name} \"{text}\" is not a point in time (ISO 8601).");
    }

    private static string Path(XElement element) =>
        string.Join('/', element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName + (e.Attribute("ID") is { } id ? $"[{id.Value}]" : "")));

    private static SaasProblemException Invalid(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid-manifest",
            new LocalizedText("problem.invalid-manifest"), detail);
}

using System.Xml;
using System.Xml.Linq;

namespace Saas.Modules.Cases.Features.Transfer.Xdomea;

/// <summary>
/// xdomea 3.0.0 <c>Abgabe.Abgabe.0401</c>, the hand-over of records to another body, as the e-Akte writes and reads
/// it. Where xdomea has a place for something, it goes there (Aktenzeichen in <c>AllgemeineMetadaten/Kennzeichen</c>,
/// the person in the Akte's <c>Kontakt</c>, procedures as <c>Vorgang</c> with their documents, each document's
/// bytes as <c>Version/Format/Primaerdokument</c>); what xdomea has no place for (nationalities, name variants, the
/// AZR number, a document's source and checksum, a procedure's state and outcome) goes into the
/// <c>AnwendungsspezifischeErweiterung</c> <see cref="Extension"/> of the element it belongs to (docs/adr/0015).
/// </summary>
internal static class Abgabe0401
{
    private static readonly XNamespace X = XdomeaSchema.Ns;

    public static readonly XName RootName = X + "Abgabe.Abgabe.0401";

    public const string MessageType = "0401";

    /// <summary>The identifier of this platform's application-specific extension (Kennung).</summary>
    public const string Extension = "urn:saas:e-akte:abgabe:1";

    public const string PlatformAuthorityList = XdomeaKopf.PlatformAuthorityList;

    /// <summary>What a receiver can show of a field that is longer than this: nothing; such a message is refused, not cut.</summary>
    public const int MaxTextLength = 1000;

    private static readonly HashSet<string> Sources = new(StringComparer.Ordinal) { "upload", "scan", "mail", "online-application", "legacy-digitisation" };

    /// <summary>xdomea names the message file after the process: <c>{ProzessID}_Abgabe.Abgabe.0401.xml</c>.</summary>
    public static string EntryName(Guid processId) => processId.ToString("D") + "_Abgabe.Abgabe.0401.xml";

    /// <summary>The file extension of a content type the e-Akte keeps.</summary>
    public static string FileExtension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/tiff" => ".tif",
        _ => ".bin",
    };

    /// <summary>The code of xdomea's list <c>Dateiformat</c> 1.0 (pdf 018, png 019, jpg 011, tif 023; 100 Sonstiges).</summary>
    private static string FormatCode(string contentType) => contentType switch
    {
        "application/pdf" => "018",
        "image/png" => "019",
        "image/jpeg" => "011",
        "image/tiff" => "023",
        _ => "100",
    };

    public static XDocument Write(TransferManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var header = manifest.Header;
        var person = manifest.Person;
        var loose = manifest.Documents.Where(d => d.CaseId is null).Select(Document);
        var procedures = manifest.Cases.Select(p => Procedure(p, manifest.Documents.Where(d => d.CaseId == p.Id)));
        var content = loose.Concat(procedures).ToList();
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(RootName,
                new XAttribute(XNamespace.Xmlns + "xdomea", X.NamespaceName),
                new XElement(X + "Kopf",
                    XdomeaKopf.Write(header.MessageId, MessageType, header.CreatedAt, new XdomeaParty(header.SenderKey, header.SenderName),
                        new XdomeaParty(header.ReceiverKey, header.ReceiverName), header.Reason),
                    new XElement(X + "Importbestaetigung", "1"),
                    new XElement(X + "Empfangsbestaetigung", header.WantsReceipt ? "1" : "0")),
                new XElement(X + "Schriftgutobjekt",
                    new XElement(X + "Akte",
                        new XElement(X + "Identifikation", new XElement(X + "ID", manifest.FileId.ToString("D"))),
                        new XElement(X + "AllgemeineMetadaten",
                            new XElement(X + "Betreff", person.GivenNames.Length > 0 ? $"{person.Surname}, {person.GivenNames}" : person.Surname),
                            new XElement(X + "Kennzeichen", manifest.FileNumber),
                            Medium(manifest.Documents.Any(d => d.PaperOriginal))),
                        new XElement(X + "Typ", "Ausländerakte"),
                        content.Count > 0 ? new XElement(X + "Akteninhalt", content) : null,
                        new XElement(X + "Kontakt",
                            new XElement(X + "Name",
                                new XElement(X + "Familienname", new XElement(X + "Name", person.Surname)),
                                person.GivenNames.Length > 0 ? new XElement(X + "Vorname", new XElement(X + "Name", person.GivenNames)) : null),
                            person.BirthDate is { } birth ? new XElement(X + "Geburt", new XElement(X + "Datum", XdomeaKopf.Date(birth))) : null),
                        ExtensionOf("Person der Ausländerakte",
                            person.Nationalities.Select(n => ("Staatsangehoerigkeit", (string?)n))
                                .Concat(person.NameVariants.Select(v => ("Namensvariante", (string?)v)))
                                .Append(("AZRNummer", person.CentralRegisterNumber)))))));
        XdomeaSchema.EnsureValid(document);
        return document;
    }

    public static async Task SaveAsync(XDocument document, Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var writer = XmlWriter.Create(stream, settings);
        await document.SaveAsync(writer, ct);
    }

    public static TransferManifest Read(XDocument document, string entry)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root!;
        var kopf = XdomeaKopf.Read(root.Element(X + "Kopf")!, entry);
        if (kopf.MessageType != MessageType)
        {
            throw CasesProblems.XdomeaInvalid(entry, Line(root), 0, $"Nachrichtentyp is {kopf.MessageType}, expected {MessageType} (Abgabe.Abgabe)");
        }

        var objects = root.Elements(X + "Schriftgutobjekt").ToList();
        if (objects.Count != 1 || objects[0].Element(X + "Akte") is not { } akte)
        {
            throw NotSupported(entry, root, "the e-Akte takes over exactly one Schriftgutobjekt that is an Akte");
        }

        if (akte.Element(X + "Akteninhalt")?.Element(X + "Teilakte") is { } part)
        {
            throw NotSupported(entry, part, "Teilakte is not taken over");
        }

        var wantsReceipt = XmlConvert.ToBoolean(root.Element(X + "Kopf")!.Element(X + "Empfangsbestaetigung")!.Value.Trim());
        var header = new ManifestHeader(kopf.ProcessId, kopf.CreatedAt, kopf.Sender.Key, kopf.Sender.Name, kopf.Receiver.Key, kopf.Receiver.Name,
            Bounded(kopf.Note, entry, root), wantsReceipt);
        var metadata = akte.Element(X + "AllgemeineMetadaten");
        var fileNumber = Bounded(XdomeaKopf.Text(metadata?.Element(X + "Kennzeichen")), entry, akte)
            ?? throw NotSupported(entry, akte, "the Akte has no Kennzeichen (its Aktenzeichen)");
        var contact = akte.Elements(X + "Kontakt").FirstOrDefault(k => XdomeaKopf.Text(k.Element(X + "Name")?.Element(X + "Familienname")?.Element(X + "Name")) is not null)
            ?? throw NotSupported(entry, akte, "the Akte has no Kontakt with a Familienname (the person the file is about)");
        var fields = Fields(akte);
        var birth = XdomeaKopf.Text(contact.Element(X + "Geburt")?.Element(X + "Datum"));
        var person = new ManifestPerson(
            Bounded(XdomeaKopf.Text(contact.Element(X + "Name")!.Element(X + "Familienname")!.Element(X + "Name")), entry, contact)!,
            Bounded(XdomeaKopf.Text(contact.Element(X + "Name")!.Element(X + "Vorname")?.Element(X + "Name")), entry, contact) ?? "",
            birth is null ? null : DateOnly.FromDateTime(XmlConvert.ToDateTime(birth, XmlDateTimeSerializationMode.Unspecified)),
            [.. fields.Where(f => f.Name == "Staatsangehoerigkeit").Select(f => Bounded(f.Value, entry, akte)!)],
            [.. fields.Where(f => f.Name == "Namensvariante").Select(f => Bounded(f.Value, entry, akte)!)],
            Bounded(fields.FirstOrDefault(f => f.Name == "AZRNummer").Value, entry, akte));

        var content = akte.Element(X + "Akteninhalt");
        var cases = new List<ManifestCase>();
        var documents = new List<ManifestDocument>();
        foreach (var dokument in content?.Elements(X + "Dokument") ?? [])
        {
            documents.Add(ReadDocument(dokument, null, header, entry));
        }

        foreach (var vorgang in content?.Elements(X + "Vorgang") ?? [])
        {
            if (vorgang.Element(X + "Teilvorgang") is { } sub)
            {
                throw NotSupported(entry, sub, "Teilvorgang is not taken over");
            }

            var procedure = ReadProcedure(vorgang, header, entry);
            cases.Add(procedure);
            documents.AddRange(vorgang.Elements(X + "Dokument").Select(d => ReadDocument(d, procedure.Id, header, entry)));
        }

        return new TransferManifest(header, Guid.Parse(akte.Element(X + "Identifikation")!.Element(X + "ID")!.Value.Trim()), fileNumber, person, cases, documents);
    }

    private static XElement Procedure(ManifestCase procedure, IEnumerable<ManifestDocument> documents) =>
        new(X + "Vorgang",
            new XElement(X + "Identifikation", new XElement(X + "ID", procedure.Id.ToString("D"))),
            new XElement(X + "AllgemeineMetadaten", new XElement(X + "Betreff", procedure.Title)),
            new XElement(X + "Typ", procedure.Kind),
            new XElement(X + "ZdA", procedure.Status == "closed" ? "1" : "0"),
            procedure.ClosedAt is { } closedOn ? new XElement(X + "ZdADatum", XdomeaKopf.Date(closedOn)) : null,
            new XElement(X + "Laufzeit",
                new XElement(X + "Beginn", XdomeaKopf.Date(procedure.OpenedAt)),
                procedure.ClosedAt is { } end ? new XElement(X + "Ende", XdomeaKopf.Date(end)) : null),
            documents.Select(Document),
            ExtensionOf("Verfahren der e-Akte",
            [
                ("Status", procedure.Status), ("Ergebnis", procedure.Outcome), ("Eroeffnet", XdomeaKopf.Timestamp(procedure.OpenedAt)),
                ("Abgeschlossen", procedure.ClosedAt is { } closed ? XdomeaKopf.Timestamp(closed) : null),
            ]));

    private static XElement Document(ManifestDocument document) =>
        new(X + "Dokument",
            new XElement(X + "Identifikation", new XElement(X + "ID", document.Id.ToString("D"))),
            new XElement(X + "AllgemeineMetadaten", new XElement(X + "Betreff", document.Title), Medium(document.PaperOriginal)),
            new XElement(X + "Typ", document.DocumentType),
            new XElement(X + "Version",
                new XElement(X + "Nummer", "1"),
                new XElement(X + "Format",
                    XdomeaKopf.Code("Name", "urn:xoev-de:xdomea:codeliste:dateiformat", "1.0", FormatCode(document.ContentType ?? "")),
                    // The version of the file format (e.g. PDF 1.7) is not recorded by the e-Akte.
                    new XElement(X + "Version", "unbekannt"),
                    new XElement(X + "Primaerdokument",
                        new XElement(X + "Dateiname", document.FileName),
                        new XElement(X + "DatumUhrzeit", XdomeaKopf.Timestamp(document.CreatedAt))))),
            ExtensionOf("Dokument der e-Akte",
            [
                ("Quelle", document.Source), ("Mimetyp", document.ContentType), ("Papieroriginal", document.PaperOriginal ? "true" : "false"),
                ("SHA256", document.Sha256), ("Laenge", document.Length?.ToString(CultureInfo.InvariantCulture)),
                ("Erstellt", XdomeaKopf.Timestamp(document.CreatedAt)),
            ]));

    /// <summary>Medium (code list Medium 1.0): 001 electronic only, 002 hybrid (there is a paper original as well).</summary>
    private static XElement Medium(bool paper) => XdomeaKopf.Code("Medium", "urn:xoev-de:xdomea:codeliste:medium", "1.0", paper ? "002" : "001");

    private static XElement ExtensionOf(string name, IEnumerable<(string Name, string? Value)> fields) =>
        new(X + "AnwendungsspezifischeErweiterung",
            new XElement(X + "Kennung", Extension),
            new XElement(X + "Name", name),
            fields.Where(f => f.Value is not null).Select(f => new XElement(X + "Feld", new XElement(X + "Name", f.Name), new XElement(X + "Wert", f.Value))));

    /// <summary>The fields of this platform's extension on an element; another system's extensions are left alone.</summary>
    private static List<(string Name, string? Value)> Fields(XElement owner) =>
        [.. owner.Elements(X + "AnwendungsspezifischeErweiterung")
            .Where(e => XdomeaKopf.Text(e.Element(X + "Kennung")) == Extension)
            .SelectMany(e => e.Elements(X + "Feld"))
            .Select(f => (XdomeaKopf.Text(f.Element(X + "Name")) ?? "", XdomeaKopf.Text(f.Element(X + "Wert"))))];

    private static ManifestCase ReadProcedure(XElement vorgang, ManifestHeader header, string entry)
    {
        var fields = Fields(vorgang);
        string? Field(string name) => Bounded(fields.FirstOrDefault(f => f.Name == name).Value, entry, vorgang);
        var closedFlag = vorgang.Element(X + "ZdA") is { } zda && XmlConvert.ToBoolean(zda.Value.Trim());
        var status = Field("Status") is "open" or "closed" ? Field("Status")! : closedFlag ? "closed" : "open";
        var period = vorgang.Element(X + "Laufzeit");
        var opened = Time(Field("Eroeffnet"), entry, vorgang) ?? Day(period?.Element(X + "Beginn")) ?? header.CreatedAt;
        var closed = status == "closed"
            ? Time(Field("Abgeschlossen"), entry, vorgang) ?? Day(period?.Element(X + "Ende")) ?? Day(vorgang.Element(X + "ZdADatum")) ?? header.CreatedAt
            : (DateTimeOffset?)null;
        var metadata = vorgang.Element(X + "AllgemeineMetadaten");
        return new ManifestCase(
            Guid.Parse(vorgang.Element(X + "Identifikation")!.Element(X + "ID")!.Value.Trim()),
            Bounded(XdomeaKopf.Text(vorgang.Element(X + "Typ")), entry, vorgang) ?? "xdomea",
            Bounded(XdomeaKopf.Text(metadata?.Element(X + "Betreff")) ?? XdomeaKopf.Text(vorgang.Element(X + "Aktenbetreff"))
                ?? XdomeaKopf.Text(metadata?.Element(X + "Kennzeichen")), entry, vorgang) ?? "Vorgang",
            status,
            Field("Ergebnis"),
            opened,
            closed);
    }

    private static ManifestDocument ReadDocument(XElement dokument, Guid? procedure, ManifestHeader header, string entry)
    {
        if (dokument.Element(X + "Anlage") is { } attachment)
        {
            throw NotSupported(entry, attachment, "Anlage (attachments of a document) is not taken over");
        }

        // xdomea allows several versions, each in several formats: the e-Akte takes the last version's first format.
        var primary = dokument.Elements(X + "Version").LastOrDefault()?.Element(X + "Format")?.Element(X + "Primaerdokument")
            ?? throw NotSupported(entry, dokument, "the Dokument has no Version with a Primaerdokument");
        var fields = Fields(dokument);
        string? Field(string name) => Bounded(fields.FirstOrDefault(f => f.Name == name).Value, entry, dokument);
        var metadata = dokument.Element(X + "AllgemeineMetadaten");
        var fileName = primary.Element(X + "Dateiname")!.Value.Trim();
        var medium = XdomeaKopf.Text(metadata?.Element(X + "Medium")?.Element("code"));
        var length = Field("Laenge");
        return new ManifestDocument(
            Guid.Parse(dokument.Element(X + "Identifikation")!.Element(X + "ID")!.Value.Trim()),
            Bounded(XdomeaKopf.Text(dokument.Element(X + "Typ")), entry, dokument) ?? "sonstiges",
            Bounded(XdomeaKopf.Text(metadata?.Element(X + "Betreff")) ?? XdomeaKopf.Text(primary.Element(X + "DateinameOriginal")), entry, dokument) ?? fileName,
            Field("Quelle") is { } source && Sources.Contains(source) ? source : "upload",
            Field("Mimetyp"),
            Time(Field("Erstellt"), entry, dokument) ?? Time(XdomeaKopf.Text(primary.Element(X + "DatumUhrzeit")), entry, primary) ?? header.CreatedAt,
            Field("Papieroriginal") is { } paper ? paper == "true" : medium is "002" or "003",
            Field("SHA256"),
            length is null ? null
                : long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes
                : throw NotSupported(entry, dokument, $"Laenge \"{length}\" is not a number of bytes"),
            fileName,
            procedure);
    }

    private static string? Bounded(string? value, string entry, XElement where) =>
        value is { Length: > MaxTextLength } ? throw NotSupported(entry, where, $"a text of {value.Length} characters; at most {MaxTextLength} are taken over") : value;

    private static DateTimeOffset? Time(string? value, string entry, XElement where)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset(value).ToUniversalTime();
        }
        catch (FormatException)
        {
            throw NotSupported(entry, where, $"\"{value}\" is not a point in time (xs:dateTime)");
        }
    }

    private static DateTimeOffset? Day(XElement? date) =>
        XdomeaKopf.Text(date) is { } text ? new DateTimeOffset(XmlConvert.ToDateTime(text, XmlDateTimeSerializationMode.Utc).Date, TimeSpan.Zero) : null;

    private static int Line(XElement element) => element is IXmlLineInfo info ? info.LineNumber : 0;

    private static SaasProblemException NotSupported(string entry, XElement where, string what) =>
        CasesProblems.XdomeaNotSupported($"{entry}, {XdomeaKopf.Where(where)}: {what}");
}

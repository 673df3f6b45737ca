using System.Xml;
using System.Xml.Linq;

namespace Saas.Modules.Cases.Features.Transfer.Xdomea;

/// <summary>A sender or receiver (xdomea <c>KontaktType</c>): a platform authority has a key, a body outside the platform a name only.</summary>
internal sealed record XdomeaParty(string? Key, string Name);

/// <summary>The header every message of the hand-over starts with (xdomea <c>NkBasisType</c>), and the pieces the messages share.</summary>
internal static class XdomeaKopf
{
    private static readonly XNamespace X = XdomeaSchema.Ns;

    /// <summary>
    /// The code list of authority keys on this platform, used in <c>Behoerdenkennung/Behoerdenschluessel</c>. xdomea
    /// names the DVDV's authority keys there; the platform's authorities have none assigned yet (docs/adr/0015).
    /// </summary>
    public const string PlatformAuthorityList = "urn:saas:platform:authority";

    public const string ProductName = "Plattform der Ausländerbehörden (e-Akte)";

    /// <summary>ProzessID, Nachrichtentyp, Erstellungszeitpunkt, Absender, Empfaenger, SendendesSystem and Hinweis, in the schema's order.</summary>
    public static IEnumerable<XElement> Write(Guid processId, string messageType, DateTimeOffset createdAt, XdomeaParty sender, XdomeaParty receiver, string? note)
    {
        yield return new XElement(X + "ProzessID", processId.ToString("D"));
        yield return Code("Nachrichtentyp", "urn:xoev-de:xdomea:codeliste:nachrichtentyp", "2.0", messageType);
        yield return new XElement(X + "Erstellungszeitpunkt", Timestamp(createdAt));
        yield return Party("Absender", sender);
        yield return Party("Empfaenger", receiver);
        yield return new XElement(X + "SendendesSystem", new XElement(X + "Produktname", ProductName));
        if (!string.IsNullOrEmpty(note))
        {
            yield return new XElement(X + "Hinweis", note);
        }
    }

    public static (Guid ProcessId, string MessageType, DateTimeOffset CreatedAt, XdomeaParty Sender, XdomeaParty Receiver, string? Note) Read(XElement kopf, string entry)
    {
        ArgumentNullException.ThrowIfNull(kopf);
        var process = Guid.Parse(kopf.Element(X + "ProzessID")!.Value.Trim());
        var type = kopf.Element(X + "Nachrichtentyp")!.Element("code")!.Value.Trim();
        // Other systems write local times with their offset; the platform keeps UTC.
        var created = XmlConvert.ToDateTimeOffset(kopf.Element(X + "Erstellungszeitpunkt")!.Value.Trim()).ToUniversalTime();
        return (process, type, created, ReadParty(kopf.Element(X + "Absender")!, entry), ReadParty(kopf.Element(X + "Empfaenger")!, entry),
            Text(kopf.Element(X + "Hinweis")));
    }

    /// <summary>A code of an xdomea code list (xoev-code: <c>code</c> and <c>name</c> are unqualified).</summary>
    public static XElement Code(string element, string list, string version, string code, string? name = null) =>
        new(X + element, new XAttribute("listURI", list), new XAttribute("listVersionID", version),
            new XElement("code", code), name is null ? null : new XElement("name", name));

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset value) => Date(DateOnly.FromDateTime(value.UtcDateTime));

    /// <summary>An element's trimmed text, or null when it is absent or empty.</summary>
    public static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>Where an element is in the message, for problems that are not the schema's (line and position, as the schema's problems).</summary>
    public static string Where(XObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}, position {info.LinePosition}" : "";
    }

    private static XElement Party(string element, XdomeaParty party) =>
        new(X + element,
            party.Key is null ? null : new XElement(X + "Behoerdenkennung", Code("Behoerdenschluessel", PlatformAuthorityList, "1", party.Key, party.Name)),
            new XElement(X + "Institution", new XElement(X + "Name", party.Name), party.Key is null ? null : new XElement(X + "Kurzbezeichnung", party.Key)));

    private static XdomeaParty ReadParty(XElement contact, string entry)
    {
        var key = contact.Element(X + "Behoerdenkennung")?.Element(X + "Behoerdenschluessel") is { } code
            && (string?)code.Attribute("listURI") == PlatformAuthorityList
            ? Text(code.Element("code"))
            : null;
        var name = Text(contact.Element(X + "Institution")?.Element(X + "Name"))
            ?? Text(contact.Element(X + "Organisationseinheit")?.Element(X + "Name"))
            ?? Text(contact.Element(X + "Institution")?.Element(X + "Kurzbezeichnung"))
            ?? key
            ?? throw CasesProblems.XdomeaNotSupported($"{entry}, {Where(contact)}: {contact.Name.LocalName} names no institution");
        return new XdomeaParty(key, name.Length > 200 ? name[..200] : name);
    }
}

using System.Xml;
using System.Xml.Linq;

namespace Saas.Modules.Cases.Features.Transfer.Xdomea;

/// <summary>The result for one handed-over object (xdomea <c>ErfolgOderMisserfolgAbgabeType</c>): its id (IDSGO) and whether it was taken over.</summary>
internal sealed record ConfirmedObject(Guid Id, bool Succeeded, IReadOnlyList<string> Errors);

/// <summary>
/// The receiving side's answers to an Abgabe.Abgabe.0401, in the same process (same ProzessID):
/// <c>Abgabe.ImportBestaetigen.0402</c> (the import, one result per handed-over object; xdomea requires it, the
/// 0401's <c>Importbestaetigung</c> is fixed to 1) and <c>Abgabe.EmpfangBestaetigen.0403</c> (the receipt, only when
/// the 0401 asked for it with <c>Empfangsbestaetigung</c>). The receiver writes them, the sender reads them.
/// </summary>
internal sealed record TransferConfirmation(
    string MessageType, Guid ProcessId, DateTimeOffset CreatedAt, XdomeaParty Sender, XdomeaParty Receiver, IReadOnlyList<ConfirmedObject> Objects)
{
    public const string Import = "0402";
    public const string Receipt = "0403";

    /// <summary>A confirmation is a few kilobytes; one of more than a MiB is not one.</summary>
    public const int MaxCharacters = 1024 * 1024;

    private static readonly XNamespace X = XdomeaSchema.Ns;

    private static readonly XName ImportRoot = X + "Abgabe.ImportBestaetigen.0402";
    private static readonly XName ReceiptRoot = X + "Abgabe.EmpfangBestaetigen.0403";

    public static IReadOnlyList<string> Types { get; } = [Import, Receipt];

    /// <summary>xdomea's file name of the message: <c>{ProzessID}_Abgabe.ImportBestaetigen.0402.xml</c> or <c>…_Abgabe.EmpfangBestaetigen.0403.xml</c>.</summary>
    public static string EntryName(Guid processId, string messageType) => $"{processId:D}_{Root(messageType).LocalName}.xml";

    public bool Succeeded(Guid objectId) => Objects.Any(o => o.Id == objectId && o.Succeeded);

    public XDocument ToXml()
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Root(MessageType),
                new XAttribute(XNamespace.Xmlns + "xdomea", X.NamespaceName),
                new XElement(X + "Kopf", XdomeaKopf.Write(ProcessId, MessageType, CreatedAt, Sender, Receiver, null)),
                MessageType == Import
                    ? Objects.Select(o => new XElement(X + "AbgegebenesObjekt",
                        new XElement(X + "IDSGO", o.Id.ToString("D")),
                        new XElement(X + "Erfolgreich", o.Succeeded ? "1" : "0"),
                        o.Errors.Select(e => new XElement(X + "Fehlermeldung", e))))
                    : null));
        XdomeaSchema.EnsureValid(document);
        return document;
    }

    public string ToText()
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            ToXml().Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a confirmation that came from outside (or from the other authority's database): schema-valid, a 0402 or 0403.</summary>
    public static async Task<TransferConfirmation> ParseAsync(Stream stream, string entry, CancellationToken ct)
    {
        var document = await XdomeaSchema.LoadAsync(stream, entry, [ImportRoot, ReceiptRoot], MaxCharacters, ct);
        var root = document.Root!;
        var kopf = XdomeaKopf.Read(root.Element(X + "Kopf")!, entry);
        var expected = root.Name == ImportRoot ? Import : Receipt;
        if (kopf.MessageType != expected)
        {
            throw CasesProblems.XdomeaInvalid(entry, ((IXmlLineInfo)root).LineNumber, 0, $"Nachrichtentyp is {kopf.MessageType}, expected {expected} ({root.Name.LocalName})");
        }

        var objects = root.Elements(X + "AbgegebenesObjekt").Select(o => new ConfirmedObject(
            Guid.Parse(o.Element(X + "IDSGO")!.Value.Trim()),
            XmlConvert.ToBoolean(o.Element(X + "Erfolgreich")!.Value.Trim()),
            [.. o.Elements(X + "Fehlermeldung").Select(e => e.Value.Trim()).Where(e => e.Length > 0).Take(20)])).ToList();
        return new TransferConfirmation(expected, kopf.ProcessId, kopf.CreatedAt, kopf.Sender, kopf.Receiver, objects);
    }

    public static Task<TransferConfirmation> ParseAsync(string xml, string entry, CancellationToken ct) =>
        ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), entry, ct);

    private static XName Root(string messageType) => messageType switch
    {
        Import => ImportRoot,
        Receipt => ReceiptRoot,
        _ => throw new ArgumentOutOfRangeException(nameof(messageType), messageType, "Only 0402 and 0403 confirm a hand-over."),
    };
}

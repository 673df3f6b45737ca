using System.Xml.Linq;
using Saas.Modules.Cases.Features.Transfer.Xdomea;

namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>
/// The message header (xdomea: <c>Kopf</c>): who hands over to whom, when, and why. A key is the authority's key on
/// this platform (xdomea <c>Behoerdenkennung/Behoerdenschluessel</c> in the list <see cref="Abgabe0401.PlatformAuthorityList"/>);
/// it is null for a body outside the platform, which is then known by its name only.
/// </summary>
internal sealed record ManifestHeader(
    Guid MessageId, DateTimeOffset CreatedAt, string? SenderKey, string SenderName, string? ReceiverKey, string ReceiverName, string? Reason,
    bool WantsReceipt = false);

/// <summary>The person the file is about (xdomea: the Akte's <c>Kontakt</c>, the rest in its application-specific extension).</summary>
internal sealed record ManifestPerson(string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities, IReadOnlyList<string> NameVariants, string? CentralRegisterNumber);

/// <summary>A procedure (xdomea: <c>Vorgang</c>) in the file; <see cref="Id"/> is the sender's.</summary>
internal sealed record ManifestCase(Guid Id, string Kind, string Title, string Status, string? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// A document (xdomea: <c>Dokument</c>) and its primary document's entry in the package (<see cref="FileName"/>).
/// Content type, SHA-256 and length are what the sender declared (this platform always does, in the extension);
/// a foreign sender may not: the receiver then takes what the bytes show.
/// </summary>
internal sealed record ManifestDocument(
    Guid Id, string DocumentType, string Title, string Source, string? ContentType, DateTimeOffset CreatedAt, bool PaperOriginal,
    string? Sha256, long? Length, string FileName, Guid? CaseId);

/// <summary>
/// The whole hand-over message, xdomea 3.0.0 <c>Abgabe.Abgabe.0401</c>: header and one file (xdomea: <c>Akte</c>, id
/// <see cref="FileId"/>, the sender's) with its procedures and documents. Written by <see cref="ToXml"/>, read from
/// outside by <see cref="ParseAsync"/>; the mapping is docs/adr/0015.
/// </summary>
internal sealed record TransferManifest(
    ManifestHeader Header, Guid FileId, string FileNumber, ManifestPerson Person, IReadOnlyList<ManifestCase> Cases, IReadOnlyList<ManifestDocument> Documents)
{
    public static string EntryName(Guid messageId) => Abgabe0401.EntryName(messageId);

    /// <summary>The entry of a document's bytes: its id, then the extension of its content type (xdomea's <c>stringDateinameType</c>).</summary>
    public static string DocumentEntry(Guid documentId, string contentType) => documentId.ToString("D") + Abgabe0401.FileExtension(contentType);

    public XDocument ToXml() => Abgabe0401.Write(this);

    public async Task WriteAsync(Stream stream, CancellationToken ct) => await Abgabe0401.SaveAsync(ToXml(), stream, ct);

    /// <summary>Reads an Abgabe.Abgabe.0401 that came from outside: schema-valid (line and position otherwise), then mapped to the e-Akte.</summary>
    public static async Task<TransferManifest> ParseAsync(Stream stream, string entry, long maxCharacters, CancellationToken ct) =>
        Abgabe0401.Read(await XdomeaSchema.LoadAsync(stream, entry, [Abgabe0401.RootName], maxCharacters, ct), entry);
}

using MimeKit;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>An attachment stored as a blob of its own.</summary>
internal sealed record StoredAttachment(string Name, string ContentType, StoredBlob Blob);

/// <summary>
/// Incoming mail (.eml, as the mail server or a caseworker forwards it) goes to the inbox: the message is stored
/// as it came, its text (body and the text of PDF attachments) is kept for the suggestions, and nothing is
/// assigned until a caseworker confirms.
/// </summary>
internal sealed partial class MailIngest(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, AssignmentSuggester suggester,
    IOptions<CasesOptions> settings, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task<InboxItem> ReceiveAsync(Stream content, CancellationToken ct)
    {
        var maxBytes = settings.Value.Mail.MaxBytes;
        var work = Directory.CreateTempSubdirectory("saas-mail-");
        try
        {
            var path = Path.Combine(work.FullName, "message.eml");
            await using (var target = File.Create(path))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new SaasProblemException(StatusCodes.Status413PayloadTooLarge, "mail-too-large",
                            LocalizedText.Of("problem.mail-too-large", ("value", maxBytes / 1024 / 1024)), null);
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            var message = await LoadAsync(path, ct);
            var tools = ToolLimits.Of(settings.Value, TimeSpan.FromSeconds(60));
            await CheckAttachmentSizesAsync(message, work.FullName, ImageLimits.From(settings.Value), tools, ct);
            var text = await TextOfAsync(message, work.FullName, tools, ct);
            StoredBlob blob;
            await using (var eml = File.OpenRead(path))
            {
                blob = await blobs.PutAsync(eml, ct);
            }

            var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(ohne Betreff / no subject)" : message.Subject.Trim();
            var item = new InboxItem
            {
                Source = "mail",
                Reason = "mail",
                Title = subject.Length > 300 ? subject[..300] : subject,
                ContentType = "message/rfc822",
                Sha256 = blob.Sha256,
                Length = blob.Length,
                MailFrom = message.From.ToString(),
                MailSubject = message.Subject,
                MailDate = message.Date == DateTimeOffset.MinValue ? null : message.Date.ToUniversalTime(),
                Text = text,
                ReceivedAt = clock.GetUtcNow(),
            };
            AssignmentSuggester.Apply(item, await suggester.SuggestAsync(subject + "\n" + text, 5, ct));
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.InboxItems.Add(item);
            await db.SaveChangesAsync(ct);
            var actor = http.HttpContext?.User.FindFirst(SaasClaims.Subject)?.Value;
            await db.AuditAsync(audit, new AuditEntry("inbox.mail", "inbox", item.Id.ToString(), $"from {item.MailFrom}", PersonalData: true, Actor: actor), ct);
            await tx.CommitAsync(ct);
            return item;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Stores the attachments of an inbox mail that are PDF or images as blobs, for assignment.</summary>
    public static async Task<IReadOnlyList<StoredAttachment>> StoreAttachmentsAsync(IBlobStore blobs, InboxItem item, CasesOptions settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(item);
        var work = Directory.CreateTempSubdirectory("saas-mail-");
        try
        {
            var path = Path.Combine(work.FullName, "message.eml");
            await using (var source = await blobs.OpenReadAsync(item.Sha256, ct))
            await using (var target = File.Create(path))
            {
                await source.CopyToAsync(target, ct);
            }

            var message = await LoadAsync(path, ct);
            var stored = new List<StoredAttachment>();
            var index = 0;
            foreach (var part in message.Attachments.OfType<MimePart>())
            {
                var file = Path.Combine(work.FullName, $"attachment-{index++}");
                await using (var target = File.Create(file))
                {
                    await part.Content!.DecodeToAsync(target, ct);
                }

                string? type;
                await using (var check = File.OpenRead(file))
                {
                    type = await ContentSniffer.DetectAsync(check, ct);
                }

                if (type is null)
                {
                    continue;
                }

                await using var content = File.OpenRead(file);
                stored.Add(new StoredAttachment(part.FileName ?? $"Anhang {index}", type, await blobs.PutAsync(content, ct)));
            }

            return stored;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Refuses the mail, before it is stored, when an attached image or PDF page is larger than <c>Cases:Images</c>
    /// allows (its attachments become documents and are read by OCR when the mail is assigned). An attachment in another
    /// format, or a PDF that cannot be opened, does not stop the mail: it stays attached, as before.
    /// </summary>
    private static async Task CheckAttachmentSizesAsync(MimeMessage message, string work, ImageLimits limits, ToolLimits tools, CancellationToken ct)
    {
        var index = 0;
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            var name = part.FileName ?? $"Anhang {index + 1}";
            var file = Path.Combine(work, $"check-{index++}");
            await using (var target = File.Create(file))
            {
                await part.Content!.DecodeToAsync(target, ct);
            }

            try
            {
                string? type;
                await using (var content = File.OpenRead(file))
                {
                    type = await ContentSniffer.DetectAsync(content, ct);
                    if (type is "image/png" or "image/jpeg" or "image/tiff")
                    {
                        limits.CheckImage(content, type, name);
                    }
                }

                if (type == "application/pdf")
                {
                    PdfPageBoxes boxes;
                    try
                    {
                        boxes = await PdfPageBoxes.ReadAsync(file, int.MaxValue, tools, ct);
                    }
                    catch (InvalidOperationException)
                    {
                        continue; // unreadable: kept as an attachment, its text marked as unreadable
                    }

                    limits.CheckPdfPages(boxes, name);
                }
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The searchable text of a mail: sender, subject, body (HTML reduced to text) and attached PDFs' text.</summary>
    internal static async Task<string> TextOfAsync(MimeMessage message, string work, ToolLimits tools, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.AppendLine(message.From.ToString()).AppendLine(message.Subject);
        text.AppendLine(message.TextBody ?? WebUtility.HtmlDecode(Tags().Replace(message.HtmlBody ?? "", " ")));
        var index = 0;
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            if (!string.Equals(part.ContentType.MimeType, "application/pdf", StringComparison.OrdinalIgnoreCase) && !(part.FileName ?? "").EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var file = Path.Combine(work, $"text-{index++}.pdf");
            await using (var target = File.Create(file))
            {
                await part.Content!.DecodeToAsync(target, ct);
            }

            try
            {
                text.AppendJoin('\n', await PageTextExtractor.PdfToTextAsync(file, tools, ct));
            }
            catch (InvalidOperationException)
            {
                // An unreadable attachment does not stop the mail; it stays attached and visible.
                text.AppendLine($"[{part.FileName}: nicht lesbar / unreadable]");
            }
        }

        return text.ToString();
    }

    private static readonly ParserOptions MailParserOptions = new() { MaxMimeDepth = 32 };

    internal static async Task<MimeMessage> LoadAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            // MimeKit recurses per nested multipart; its default allows 1,024 levels. Real mail nests a few.
            var message = await MimeMessage.LoadAsync(MailParserOptions, stream, ct);
            return message.From.Count == 0 && message.Subject is null && message.Body is null
                ? throw new FormatException("No headers.")
                : message;
        }
        catch (FormatException ex)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "mail-unreadable",
                new LocalizedText("problem.mail-unreadable"), ex.Message);
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Inbox;
using Saas.Platform.Audit;
using Saas.Platform.Errors;
using Saas.Platform.Metadata;
using Saas.Platform.Storage;

namespace Saas.Modules.Cases.Pages.Workbench.Documents;

/// <summary>A mail as the viewer shows it: its headers and its text.</summary>
internal sealed record MailView(string From, string To, string Cc, DateTimeOffset? Date, string Subject, string Text, IReadOnlyList<string> Attachments);

/// <summary>
/// The viewer of one document: PDF and images inline from the content endpoint (which records the read), a mail's
/// headers and text read here (and recorded here).
/// </summary>
internal sealed class DocumentModel(CasesDbContext db, IBlobStore blobs, IAuditTrail audit, IMetadataStore metadata) : WorkbenchPage
{
    public CaseDocument Document { get; private set; } = null!;

    public CaseFile CaseFile { get; private set; } = null!;

    public MailView? Mail { get; private set; }

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct).ConfigureAwait(false)
                   ?? throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                       Problems.Text("Dieses Dokument gibt es bei dieser Behörde nicht.", "This document does not exist at this authority."), id.ToString());
        CaseFile = await db.CaseFiles.AsNoTracking().SingleAsync(f => f.Id == Document.CaseFileId, ct).ConfigureAwait(false);
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct).ConfigureAwait(false);
        await audit.RecordAsync(new AuditEntry("document.read", "document", id.ToString(), "workbench viewer page", PersonalData: true), ct).ConfigureAwait(false);
        if (Display.IsMail(Document.ContentType))
        {
            Mail = await ReadMailAsync(Document.Sha256, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The bytes for the viewer (same code and audit record as the API's content endpoint).</summary>
    public async Task<IActionResult> OnGetContentAsync(Guid id, CancellationToken ct)
    {
        var (content, contentType) = await DocumentEndpoints.OpenContentAsync(db, blobs, audit, id, "workbench viewer", ct).ConfigureAwait(false);
        return File(content, contentType);
    }

    private async Task<MailView> ReadMailAsync(string sha256, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("saas-viewer-");
        try
        {
            var path = Path.Combine(work.FullName, "message.eml");
            await using (var source = await blobs.OpenReadAsync(sha256, ct).ConfigureAwait(false))
            await using (var target = System.IO.File.Create(path))
            {
                await source.CopyToAsync(target, ct).ConfigureAwait(false);
            }

            var message = await MailIngest.LoadAsync(path, ct).ConfigureAwait(false);
            var text = message.TextBody ?? System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(message.HtmlBody ?? "", "<[^>]+>", " "));
            return new MailView(message.From.ToString(), message.To.ToString(), message.Cc.ToString(),
                message.Date == DateTimeOffset.MinValue ? null : message.Date, message.Subject ?? "", text,
                message.Attachments.OfType<MimePart>().Select(p => p.FileName ?? L("(ohne Namen)", "(no name)")).ToList());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>
/// A person's file: person data, cases, the documents as a timeline with their text status, upload and cover
/// sheets. Reading it is recorded (casefile.read), as the API's read is.
/// </summary>
internal sealed class FileModel(CasesDbContext db, IAuditTrail audit, IMetadataStore metadata, UploadDocument upload, ICurrentTenant tenant,
    TimeProvider clock, OpenCase openCase, CloseCase closeCase, FileDocumentIntoCase fileIntoCase) : WorkbenchPage
{
    /// <summary>The outcomes a caseworker picks from when closing a case (stored as these codes; retention rules name them).</summary>
    public static IReadOnlyList<string> Outcomes { get; } = ["erteilt", "abgelehnt", "zurueckgenommen", "erledigt"];

    [BindProperty]
    public string? CaseKind { get; set; }

    [BindProperty]
    public string? CaseTitle { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    public CaseFile CaseFile { get; private set; } = null!;

    public IReadOnlyList<Case> Cases { get; private set; } = [];

    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];

    public IReadOnlyDictionary<Guid, TextStatus> TextStatuses { get; private set; } = new Dictionary<Guid, TextStatus>();

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    public string? Message { get; private set; }

    [BindProperty]
    public List<IFormFile> Upload { get; set; } = [];

    [BindProperty]
    public string? DocumentType { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public bool PaperOriginal { get; set; }

    [BindProperty]
    public Guid? CaseId { get; set; }

    [BindProperty]
    public string? CoverDocumentType { get; set; }

    [BindProperty]
    public Guid? CoverCaseId { get; set; }

    public async Task OnGetAsync(Guid id, [FromQuery] Guid[]? added, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        // In the order they were uploaded.
        var found = (added ?? []).Select(a => Documents.FirstOrDefault(d => d.Id == a)?.Title).OfType<string>().ToList();
        Message = found.Count switch
        {
            0 => null,
            1 => L("cases.workbench.files.value-was-added-to-the-file", ("value", found[0])),
            _ => L("cases.workbench.files.count-documents-were-added-to-the", ("count", found.Count), ("value", string.Join(", ", found))),
        };
    }

    public Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("upload", async () =>
        {
            if (Upload.Count == 0)
            {
                throw new SaasProblemException(StatusCodes.Status400BadRequest, "file-missing",
                    new LocalizedText("problem.file-missing"), null);
            }

            // One or several files, all or none (UploadDocument, the use case the API calls).
            var added = await upload.ExecuteAsync(new UploadDocumentRequest(id, Upload, CaseId, DocumentType, Title, PaperOriginal), ct);
            return Redirect($"{Base}/workbench/files/{id}?{string.Join("&", added.Select(a => $"added={a.Document.Id}"))}#timeline");
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostCoverSheetAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("cover", async () =>
        {
            var sheet = await CoverSheetEndpoints.CreateAsync(db, metadata, audit, id, new CoverSheetRequest(CoverDocumentType ?? "", CoverCaseId, null), Actor, clock.GetUtcNow(), ct)
                ;
            // The browser opens the PDF for printing (inline).
            return Redirect($"{Base}/workbench/files/{id}/coversheet?sheet={sheet.Id}");
        }, () => LoadAsync(id, ct));

    /// <summary>The cover sheet's PDF, shown inline for printing (same code as the API's).</summary>
    public async Task<IActionResult> OnGetCoverSheetAsync(Guid id, Guid sheet, CancellationToken ct)
    {
        var (pdf, fileName) = await CoverSheetEndpoints.PdfAsync(db, tenant, sheet, ct);
        Response.Headers.ContentDisposition = CoverSheetEndpoints.Inline(fileName);
        return File(pdf, "application/pdf");
    }

    public Task<IActionResult> OnPostRetryAsync(Guid id, Guid documentId, CancellationToken ct) =>
        SubmitAsync("retry", async () =>
        {
            if (!await db.Documents.AnyAsync(d => d.Id == documentId && d.CaseFileId == id, ct))
            {
                throw new SaasProblemException(StatusCodes.Status404NotFound, "not-found",
                    new LocalizedText("problem.not-found.workbench-files"), documentId.ToString());
            }

            await TextStatusEndpoints.RetryAsync(db, documentId, clock.GetUtcNow(), ct);
            return Redirect($"{Base}/workbench/files/{id}#timeline");
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostOpenCaseAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("open-case", async () =>
        {
            await openCase.ExecuteAsync(new OpenCaseRequest(id, CaseKind ?? "", CaseTitle ?? ""), ct);
            return RedirectToPage("/Workbench/Files/File", null, new { id }, "cases");
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostCloseCaseAsync(Guid id, Guid caseId, CancellationToken ct) =>
        SubmitAsync("close-case", async () =>
        {
            await EnsureInThisFileAsync(id, caseId, ct);
            await closeCase.ExecuteAsync(new CloseCaseRequest(caseId, Outcome ?? ""), ct);
            return RedirectToPage("/Workbench/Files/File", null, new { id }, "cases");
        }, () => LoadAsync(id, ct));

    /// <summary>Files a document into one of the file's cases, or takes it out (empty choice).</summary>
    public Task<IActionResult> OnPostFileIntoCaseAsync(Guid id, Guid documentId, Guid? documentCase, CancellationToken ct) =>
        SubmitAsync("file-into-case", async () =>
        {
            if (!await db.Documents.AnyAsync(d => d.Id == documentId && d.CaseFileId == id, ct))
            {
                throw CasesProblems.DocumentNotFound(documentId);
            }

            await fileIntoCase.ExecuteAsync(new FileDocumentIntoCaseRequest(documentId, documentCase), ct);
            return RedirectToPage("/Workbench/Files/File", null, new { id }, "timeline");
        }, () => LoadAsync(id, ct));

    private async Task EnsureInThisFileAsync(Guid id, Guid caseId, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId && c.CaseFileId == id, ct))
        {
            throw CasesProblems.CaseNotFound(caseId);
        }
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        CaseFile = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw CaseFileEndpoints.NotFound(id);
        await audit.RecordAsync(new AuditEntry("casefile.read", "casefile", id.ToString(), "workbench", PersonalData: true), ct);
        Cases = await db.Cases.AsNoTracking().Where(p => p.CaseFileId == id).OrderByDescending(p => p.OpenedAt).ToListAsync(ct);
        Documents = await db.Documents.AsNoTracking().Where(d => d.CaseFileId == id).OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Title)
            .ToListAsync(ct);
        TextStatuses = await TextStatusEndpoints.StatusesAsync(db, Documents.Select(d => d.Id).ToList(), ct);
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
    }
}

using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Features.ResidenceDocuments;
using Saas.Modules.Cases.Features.Text;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>
/// A person's file: person data, cases, the documents as a timeline with their text status, upload and cover
/// sheets. Reading it is recorded (casefile.read), as the API's read is.
/// </summary>
internal sealed class FileModel(CasesDbContext db, IMetadataStore metadata, UploadDocument upload,
    OpenCase openCase, CloseCase closeCase, FileDocumentIntoCase fileIntoCase, ReadCaseFile read, NationalityList nationalities, ReadTextStatus textStatuses,
    RetryTextExtraction retryText, CreateCoverSheet createCoverSheet, PrintCoverSheet printCoverSheet,
    ReadResidenceDocuments readResidence, RecordResidenceTitle recordTitle, RecordPassport recordPassport) : WorkbenchPage
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

    /// <summary>The file this one was merged into, if it was.</summary>
    public Contracts.CaseFileSummary? MergedInto { get; private set; }

    /// <summary>The files merged into this one.</summary>
    public IReadOnlyList<Contracts.CaseFileSummary> MergedFrom { get; private set; } = [];

    public NationalityList Nationalities => nationalities;

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

    /// <summary>The person's residence titles and passports (Features/ResidenceDocuments).</summary>
    public Contracts.PersonResidenceDocuments Residence { get; private set; } = new(Guid.Empty, [], []);

    [BindProperty]
    public string? TitleLegalBasis { get; set; }

    [BindProperty]
    public DateOnly? TitleValidFrom { get; set; }

    [BindProperty]
    public DateOnly? TitleValidUntil { get; set; }

    [BindProperty]
    public string? TitleCardNumber { get; set; }

    [BindProperty]
    public string? TitleConditions { get; set; }

    [BindProperty]
    public string? PassportNumber { get; set; }

    [BindProperty]
    public string? PassportState { get; set; }

    [BindProperty]
    public DateOnly? PassportValidUntil { get; set; }

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
                throw CasesProblems.FileMissing(null);
            }

            // One or several files, all or none (UploadDocument, the use case the API calls).
            var added = await upload.ExecuteAsync(new UploadDocumentRequest(id, Upload, CaseId, DocumentType, Title, PaperOriginal), ct);
            return Redirect(Url.Page("/Workbench/Files/File", null, new RouteValueDictionary { ["id"] = id, ["added"] = added.Select(a => a.Document.Id.ToString()).ToArray() }, null, null, "timeline")!);
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostCoverSheetAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("cover", async () =>
        {
            var sheet = await createCoverSheet.ExecuteAsync(new CreateCoverSheetRequest(id, new CoverSheetRequest(CoverDocumentType ?? "", CoverCaseId, null)), ct);
            // The browser opens the PDF for printing (inline).
            return RedirectToPage("/Workbench/Files/File", "CoverSheet", new { id, sheet = sheet.Id });
        }, () => LoadAsync(id, ct));

    /// <summary>The cover sheet's PDF, shown inline for printing (same code as the API's).</summary>
    public async Task<IActionResult> OnGetCoverSheetAsync(Guid id, Guid sheet, CancellationToken ct)
    {
        var printed = await printCoverSheet.ExecuteAsync(new PrintCoverSheetRequest(sheet, id), ct);
        Response.Headers.ContentDisposition = printed.ContentDisposition;
        return File(printed.Pdf, "application/pdf");
    }

    public Task<IActionResult> OnPostRetryAsync(Guid id, Guid documentId, CancellationToken ct) =>
        SubmitAsync("retry", async () =>
        {
            await retryText.ExecuteAsync(new RetryTextExtractionRequest(documentId, id), ct);
            return RedirectToPage("/Workbench/Files/File", null, new { id }, "timeline");
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

    public Task<IActionResult> OnPostResidenceTitleAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("residence-title", async () =>
        {
            var conditions = (TitleConditions ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            await recordTitle.ExecuteAsync(new Contracts.NewResidenceTitle(id, TitleLegalBasis ?? "", TitleValidFrom ?? default, TitleValidUntil, TitleCardNumber, conditions), ct);
            return RedirectToPage("/Workbench/Files/File", null, new { id }, "residence");
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostPassportAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("passport", async () =>
        {
            await recordPassport.ExecuteAsync(new Contracts.NewPassport(id, PassportNumber ?? "", PassportState ?? "", PassportValidUntil ?? default), ct);
            return RedirectToPage("/Workbench/Files/File", null, new { id }, "residence");
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
        var file = await read.ExecuteAsync(new ReadCaseFileRequest(id, "workbench"), ct); // the read is recorded there, as the API's
        (CaseFile, Cases, MergedInto, MergedFrom) = (file.File, file.Cases, file.MergedInto, file.MergedFrom);
        Documents = [.. file.Documents.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Title)];
        TextStatuses = await textStatuses.ForDocumentsAsync(Documents.Select(d => d.Id).ToList(), ct);
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
        Residence = await readResidence.ExecuteAsync(new ReadResidenceDocumentsRequest(id, "workbench"), ct);
    }
}

using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>A finding as the form sends it; a document without a result is not yet checked.</summary>
internal sealed class FindingInput
{
    public Guid DocumentId { get; set; }

    public string? Result { get; set; }

    public string? Category { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// The quality check of one delivery: the sampled documents with links to the viewer and a finding each. When all
/// are checked, the same use case as the API decides the batch and its box.
/// </summary>
internal sealed class QaModel(ReadBatch read, RecordQaFindings record) : WorkbenchPage
{
    public BatchView Batch { get; private set; } = null!;

    public IReadOnlyList<SampleView> Sample => Batch.Sample;

    public string? Message { get; private set; }

    [BindProperty]
    public List<FindingInput> Findings { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(Guid id, [FromQuery] bool saved, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (saved)
        {
            Message = Batch.QaStatus switch
            {
                QaStatus.Accepted => L("cases.workbench.legacy.all-findings-saved-the-delivery-is"),
                QaStatus.Rejected => L("cases.workbench.legacy.all-findings-saved-the-delivery-is-2"),
                _ => L("cases.workbench.legacy.findings-saved"),
            };
        }
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("findings", async () =>
        {
            var findings = Findings.Where(f => !string.IsNullOrEmpty(f.Result))
                .Select(f => new FindingRequest(f.DocumentId, f.Result, f.Result == QaFinding.Ok || string.IsNullOrEmpty(f.Category) ? null : f.Category, f.Note))
                .ToArray();
            await record.ExecuteAsync(new RecordQaFindingsRequest(id, findings, Reason), ct);
            return RedirectToPage("/Workbench/Legacy/Qa", new { id, saved = true });
        }, () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct) => Batch = await read.ExecuteAsync(new ReadBatchRequest(id, ReadVia.Workbench), ct);
}

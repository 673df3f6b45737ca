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
/// are checked, the same rule as the API decides the batch and its box.
/// </summary>
internal sealed class QaModel(CasesDbContext db, IAuditTrail audit, TimeProvider clock) : WorkbenchPage
{
    public LegacyScanBatch Batch { get; private set; } = null!;

    public IReadOnlyList<QaEndpoints.SampleView> Sample { get; private set; } = [];

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
                QaStates.Accepted => L("cases.workbench.legacy.all-findings-saved-the-delivery-is"),
                QaStates.Rejected => L("cases.workbench.legacy.all-findings-saved-the-delivery-is-2"),
                _ => L("cases.workbench.legacy.findings-saved"),
            };
        }
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("findings", async () =>
        {
            var findings = Findings.Where(f => !string.IsNullOrEmpty(f.Result))
                .Select(f => new FindingRequest(f.DocumentId, f.Result, f.Result == "ok" || string.IsNullOrEmpty(f.Category) ? null : f.Category, f.Note))
                .ToArray();
            await QaEndpoints.RecordFindingsAsync(db, audit, id, new RecordFindingsRequest(findings, Reason), Actor, clock.GetUtcNow(), ct);
            return Redirect($"{Base}/workbench/legacy/batches/{id}?saved=true");
        }, () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Batch = await db.LegacyScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw QaEndpoints.BatchNotFound(id);
        await audit.RecordAsync(new AuditEntry("legacy.batch.read", "legacy-batch", id.ToString(), "workbench", PersonalData: true), ct);
        Sample = await QaEndpoints.SampleAsync(db, id, ct);
    }
}

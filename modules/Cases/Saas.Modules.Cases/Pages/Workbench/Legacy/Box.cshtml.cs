using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>The scan protocol as the box page's form sends it; kept and shown again when the import is refused.</summary>
internal sealed class ScanProtocolInput
{
    public string? Operator { get; set; }

    public string? ScannedAt { get; set; }

    public string? DeviceMake { get; set; }

    public string? DeviceModel { get; set; }

    public string? DeviceSerial { get; set; }

    public string? ResolutionDpi { get; set; }

    public string? ColourMode { get; set; }

    public string? Format { get; set; }

    public string? Compression { get; set; }

    public string? Documents { get; set; }

    public string? Pages { get; set; }

    public ScanProtocolFields ToFields() =>
        new(Operator, ScannedAt, DeviceMake, DeviceModel, DeviceSerial, ResolutionDpi, ColourMode, Format, Compression, Documents, Pages);
}

/// <summary>
/// One box: its files and deliveries, the next step of its way (sent, returned) and — once sent — the import of
/// the returned scans (ZIP and scan protocol) with the same use case as the API. Reading it is audited by <see cref="ReadBox"/>.
/// </summary>
internal sealed class BoxModel(ReadBox read, SendBox send, MarkBoxReturned returned, ImportReturnedScans import) : WorkbenchPage
{
    public BoxView Box { get; private set; } = null!;

    public IReadOnlyList<BoxFileView> Files => Box.Files;

    public IReadOnlyList<BatchSummary> Batches => Box.Batches;

    /// <summary>Whether scans may be imported now (sent or returned).</summary>
    public bool CanImport => BoxLifecycle.CanMove(Box.Status, BoxLifecycle.InQa);

    [BindProperty]
    public string? Vendor { get; set; }

    [BindProperty]
    public ScanProtocolInput Protocol { get; set; } = new();

    [BindProperty]
    public IFormFile? Archive { get; set; }

    /// <summary>The refused import's problems by field (the protocol's field names), shown at their inputs.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The delivery just imported (after the redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Imported { get; set; }

    public string? FieldError(string field) => FieldErrors.TryGetValue(field, out var errors) ? errors[0] : null;

    public Task OnGetAsync(Guid id, CancellationToken ct) => LoadAsync(id, ct);

    public Task<IActionResult> OnPostSentAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("status", async () =>
        {
            await send.ExecuteAsync(new SendBoxRequest(id, Vendor), ct);
            return RedirectToPage("/Workbench/Legacy/Box", new { id });
        }, () => LoadAsync(id, ct));

    public Task<IActionResult> OnPostReturnedAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("status", async () =>
        {
            await returned.ExecuteAsync(new MarkBoxReturnedRequest(id), ct);
            return RedirectToPage("/Workbench/Legacy/Box", new { id });
        }, () => LoadAsync(id, ct));

    public async Task<IActionResult> OnPostImportAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var archive = Archive is { Length: > 0 } upload ? upload.OpenReadStream : (Func<Stream>?)null;
            var batch = await import.ExecuteAsync(new ImportReturnedScansRequest(id, Protocol.ToFields(), archive), ct);
            return RedirectToPage("/Workbench/Legacy/Box", new { id, imported = batch.Id });
        }
        catch (SaasProblemException problem)
        {
            // Next to the form, in the person's language: the title, the entry or field it is about; what was typed stays.
            ShowError("import", problem);
            FieldErrors = problem.Errors ?? new Dictionary<string, string[]>();
            Response.StatusCode = problem.Status;
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task LoadAsync(Guid id, CancellationToken ct) => Box = await read.ExecuteAsync(new ReadBoxRequest(id, ReadVia.Workbench), ct);
}

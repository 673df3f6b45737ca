using Saas.Modules.Cases.Features.LegacyDigitisation;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>The boxes (as <c>GET /api/cases/legacy/boxes</c>) and packing a new one by file numbers (<see cref="CreateBox"/>).</summary>
internal sealed class IndexModel(ListBoxes list, CreateBox create) : WorkbenchPage
{
    public IReadOnlyList<BoxSummary> Boxes { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public string? Label { get; set; }

    [BindProperty]
    public string? Files { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        SubmitAsync("create", async () =>
        {
            var box = await create.ExecuteAsync(new CreateBoxRequest(Label, null, PackingList(Files)), ct);
            return RedirectToPage("/Workbench/Legacy/Box", new { id = box.Id });
        }, () => LoadAsync(ct));

    /// <summary>One file number a line, optionally with its number of sheets after a colon (<c>ALT-1: 120</c>).</summary>
    private static BoxFileNumber[] PackingList(string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wanted = new List<BoxFileNumber>();
        foreach (var line in lines)
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            int? sheets = null;
            if (parts.Length == 2)
            {
                sheets = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw CasesProblems.InvalidSheets(line);
            }

            wanted.Add(new BoxFileNumber(parts[0], sheets));
        }

        return [.. wanted];
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Labels and counts only, no person's data: not audited (as the API's list).
        var page = await list.ExecuteAsync(new ListBoxesRequest(null, After, Keyset.PageSize), ct);
        Boxes = page.Items;
        Pager = Pager.For(page, L("cases.workbench.legacy.box-pages"), Url.Page("/Workbench/Legacy/Index")!, new Dictionary<string, string?>(),
            L("cases.workbench.legacy.older-boxes"));
    }
}

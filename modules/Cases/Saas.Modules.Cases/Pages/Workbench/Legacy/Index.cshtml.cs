using Saas.Modules.Cases.Features.LegacyDigitisation;
using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>The boxes (as <c>GET /api/cases/legacy/boxes</c>) and packing a new one by file numbers.</summary>
internal sealed class IndexModel(CasesDbContext db, IAuditTrail audit, TimeProvider clock) : WorkbenchPage
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
            var lines = (Files ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var wanted = new List<(string Number, int? Sheets)>();
            foreach (var line in lines)
            {
                var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
                int? sheets = null;
                if (parts.Length == 2)
                {
                    sheets = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                        : throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-box",
                            new LocalizedText("problem.invalid-box"), line);
                }

                wanted.Add((parts[0], sheets));
            }

            var numbers = wanted.Select(w => w.Number).ToList();
            var ids = await db.CaseFiles.AsNoTracking().Where(f => numbers.Contains(f.FileNumber))
                .ToDictionaryAsync(f => f.FileNumber, f => f.Id, StringComparer.Ordinal, ct);
            var unknown = numbers.Where(n => !ids.ContainsKey(n)).ToList();
            if (unknown.Count > 0)
            {
                throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-case-files",
                    new LocalizedText("problem.unknown-case-files"), string.Join(", ", unknown));
            }

            var box = await BoxEndpoints.CreateAsync(db, audit, new CreateBoxRequest(Label, [.. wanted.Select(w => new BoxFileRequest(ids[w.Number], w.Sheets))]),
                Actor, clock.GetUtcNow(), ct);
            return Redirect($"{Base}/workbench/legacy/boxes/{box.Id}");
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        // Labels and counts only, no person's data: not audited (as the API's list).
        var page = await BoxEndpoints.PageAsync(db, null, PageCursor.Parse(After, "after"), Keyset.PageSize, ct);
        Boxes = page.Items;
        Pager = Pager.For(page, L("cases.workbench.legacy.box-pages"), $"{Base}/workbench/legacy", new Dictionary<string, string?>(), L("cases.workbench.legacy.older-boxes"));
    }
}

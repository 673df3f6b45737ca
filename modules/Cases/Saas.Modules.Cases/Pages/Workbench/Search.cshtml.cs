using Saas.Modules.Cases.Features.Search;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>Full-text search as <c>GET /api/cases/search</c>: same checks, same index, same audit record.</summary>
internal sealed class SearchModel(CasesDbContext db, SearchDocuments search, IMetadataStore metadata) : WorkbenchPage
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FileNumber { get; set; }

    public const int HitsShown = 50;

    public IReadOnlyList<SearchHit>? Hits { get; private set; }

    /// <summary>Whether the search found more pages than the best <see cref="HitsShown"/> shown.</summary>
    public bool MoreHits { get; private set; }

    /// <summary>File numbers of the files the hits are in.</summary>
    public IReadOnlyDictionary<Guid, string> Files { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct);
        if (Q is null)
        {
            return;
        }

        try
        {
            // Ranked hits are not paged: one more than shown says that there are more, and the filters narrow them.
            var result = await search.ExecuteAsync(new SearchDocumentsRequest(Q, Type, null, null, From, To, HitsShown + 1, ReadVia.Workbench, FileNumber), ct);
            var hits = result.Hits;
            MoreHits = hits.Count > HitsShown;
            hits = hits.Take(HitsShown).ToList();
            var ids = hits.Select(h => h.CaseFileId).Distinct().ToList();
            Files = await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.FileNumber, ct);
            Hits = hits;
        }
        catch (SaasProblemException problem)
        {
            ShowError("search", problem);
            Response.StatusCode = problem.Status;
        }
    }
}

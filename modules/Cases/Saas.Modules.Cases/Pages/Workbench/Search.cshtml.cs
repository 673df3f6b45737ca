using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Saas.Modules.Cases.Features.Search;
using Saas.Platform.Audit;
using Saas.Platform.Errors;
using Saas.Platform.Metadata;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>Full-text search as <c>GET /api/cases/search</c>: same checks, same index, same audit record.</summary>
internal sealed class SearchModel(CasesDbContext db, IDocumentSearch search, IAuditTrail audit, IMetadataStore metadata) : WorkbenchPage
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

    public IReadOnlyList<SearchHit>? Hits { get; private set; }

    /// <summary>File numbers of the files the hits are in.</summary>
    public IReadOnlyDictionary<Guid, string> Files { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<DocumentTypeOption> DocumentTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        DocumentTypes = await Workbench.DocumentTypes.ListAsync(metadata, ct).ConfigureAwait(false);
        if (Q is null)
        {
            return;
        }

        try
        {
            Guid? file = null;
            if (!string.IsNullOrWhiteSpace(FileNumber))
            {
                var number = FileNumber.Trim();
                file = await db.CaseFiles.AsNoTracking().Where(f => f.FileNumber == number).Select(f => (Guid?)f.Id).SingleOrDefaultAsync(ct).ConfigureAwait(false)
                       ?? throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-file-number",
                           Problems.Text("Eine Akte mit diesem Aktenzeichen gibt es bei dieser Behörde nicht.", "There is no file with this number at this authority."), number);
            }

            var query = SearchEndpoints.Parse(Q, Type, file, null, From, To, 50);
            var hits = await SearchEndpoints.RunAsync(search, audit, db.CurrentTenantId, query, "workbench", ct).ConfigureAwait(false);
            var ids = hits.Select(h => h.CaseFileId).Distinct().ToList();
            Files = await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.FileNumber, ct).ConfigureAwait(false);
            Hits = hits;
        }
        catch (SaasProblemException problem)
        {
            ShowError("search", problem);
            Response.StatusCode = problem.Status;
        }
    }
}

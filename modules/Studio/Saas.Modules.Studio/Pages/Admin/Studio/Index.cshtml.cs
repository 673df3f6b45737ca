using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Studio.Features.Documents;
using Saas.Platform.Web;

namespace Saas.Modules.Studio.Pages.Admin.Studio;

/// <summary>
/// The studio's start page: every registered kind with its documents, their published version and open draft (valid or
/// with how many errors); the chosen drafts (check boxes) are published together, or none of them.
/// </summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class IndexModel(ListStudioDocuments list, PublishStudioDrafts publish) : PageModel
{
    public IReadOnlyList<StudioKindRow> Kinds { get; private set; } = [];

    /// <summary>The chosen drafts, each as <c>kind|key|version</c>.</summary>
    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? ProblemTitle { get; private set; }

    public IReadOnlyList<MetadataError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Kinds = await list.ExecuteAsync(ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        try
        {
            var chosen = Chosen.Select(c => c.Split('|')).Where(p => p.Length == 3 && int.TryParse(p[2], out _))
                .Select(p => new ChosenDraft(p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var count = await publish.ExecuteAsync(new PublishStudioDraftsRequest(chosen), ct);
            Message = L.T("studio.published", ("count", count));
            return RedirectToPage("/Admin/Studio/Index");
        }
        catch (SaasProblemException problem)
        {
            Response.StatusCode = problem.Status;
            ProblemTitle = L.T(problem.Title);
            Errors = problem is StudioDocumentProblem located ? located.Located : [];
            Kinds = await list.ExecuteAsync(ct);
            return Page();
        }
    }

    public bool IsChosen(MetadataEntry entry) =>
        entry.Draft is { } d && Chosen.Contains($"{entry.Kind}|{entry.Key}|{d.Document.Version}", StringComparer.Ordinal);
}

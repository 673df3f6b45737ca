using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Studio.Features.Documents;
using Saas.Platform.Web;

namespace Saas.Modules.Studio.Pages.Admin.Studio;

/// <summary>Every version of a document with who saved it and when (Europe/Berlin); an old version is restored as a new draft.</summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class HistoryModel(ReadStudioHistory history, RestoreStudioVersion restore) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    [BindProperty]
    public int Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? ProblemTitle { get; private set; }

    public IReadOnlyList<MetadataDocument> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Versions = await history.ExecuteAsync(new ReadStudioHistoryRequest(Kind, Key), ct);

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken ct)
    {
        try
        {
            var draft = await restore.ExecuteAsync(new RestoreStudioVersionRequest(Kind, Key, Version), ct);
            Message = L.T("studio.history.restored", ("version", Version), ("draft", draft.Document.Version));
            return RedirectToPage("/Admin/Studio/Edit", new { kind = Kind, key = Key });
        }
        catch (SaasProblemException problem)
        {
            Response.StatusCode = problem.Status;
            ProblemTitle = L.T(problem.Title);
            Versions = await history.ExecuteAsync(new ReadStudioHistoryRequest(Kind, Key), ct);
            return Page();
        }
    }
}

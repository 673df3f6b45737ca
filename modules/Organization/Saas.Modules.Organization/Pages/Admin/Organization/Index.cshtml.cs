using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Organization.Features.EditOrganization;
using Saas.Platform.Web;

namespace Saas.Modules.Organization.Pages.Admin.Organization;

/// <summary>
/// Tenant admins view and change the authority's organisation documents: edits become drafts with located
/// errors; publishing makes all drafts visible at once; every version stays in the history. The page binds, calls
/// the use cases the API calls (so the same kinds are refused, the same author and audit records written), and
/// redirects after a change.
/// </summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class IndexModel(ListOrganizationDocuments list, OpenOrganizationDocument open, SaveOrganizationDocument save,
    PublishOrganizationDrafts publish, ReadDocumentHistory history) : PageModel
{
    public IReadOnlyList<OrganizationDocumentRow> Documents { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty]
    public string Yaml { get; set; } = "";

    /// <summary>The located errors of a document that failed validation, next to the editor.</summary>
    public IReadOnlyList<MetadataError> Errors { get; private set; } = [];

    /// <summary>Any other problem the editor ran into (a kind edited elsewhere), in the person's language.</summary>
    public string? ProblemTitle { get; private set; }

    public string? ProblemDetail { get; private set; }

    public IReadOnlyList<MetadataDocument> History { get; private set; } = [];

    /// <summary>What the previous action did (shown after the redirect).</summary>
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Documents = await list.ExecuteAsync(ct);
        if (Kind is not null && Key is not null)
        {
            try
            {
                var opened = await open.ExecuteAsync(new OpenOrganizationDocumentRequest(Kind, Key), ct);
                Yaml = opened.Yaml;
                History = opened.History;
            }
            catch (SaasProblemException problem)
            {
                Show(problem);
            }
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        try
        {
            var draft = await save.ExecuteAsync(new SaveOrganizationDocumentRequest(Yaml), ct);
            Message = L.T("organization.admin.draft-version-version-saved-it-becomes", ("version", draft.Version));
            return RedirectToPage("/Admin/Organization/Index", null, new { kind = draft.Kind, key = draft.Key }, "editor");
        }
        catch (SaasProblemException problem)
        {
            Show(problem);
        }

        Documents = await list.ExecuteAsync(ct);
        if (Kind is not null && Key is not null)
        {
            History = await history.ExecuteAsync(new ReadDocumentHistoryRequest(Kind, Key), ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        try
        {
            var count = await publish.ExecuteAsync(ct);
            Message = L.T("organization.admin.count-drafts-published", ("count", count));
            return RedirectToPage("/Admin/Organization/Index");
        }
        catch (SaasProblemException problem)
        {
            // A draft kept with its errors (admin studio) stops the publication; its errors are shown here.
            Show(problem);
        }

        Documents = await list.ExecuteAsync(ct);
        return Page();
    }

    /// <summary>A version's state in the person's language.</summary>
    public static string StateName(MetadataState state) => state switch
    {
        MetadataState.Draft => L.T("organization.admin.state.draft"),
        MetadataState.Published => L.T("organization.admin.state.published"),
        MetadataState.Discarded => L.T("organization.admin.state.discarded"),
        _ => L.T("organization.admin.state.superseded"),
    };

    private void Show(SaasProblemException problem)
    {
        Response.StatusCode = problem.Status;
        if (problem is InvalidOrganizationDocument invalid)
        {
            Errors = invalid.Located;
            return;
        }

        ProblemTitle = L.T(problem.Title);
        ProblemDetail = problem.Detail;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Studio.Features.Documents;

namespace Saas.Modules.Studio.Pages.Admin.Studio;

/// <summary>The open draft against the published version (or any two versions), side by side and field by field.</summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class DiffModel(DiffStudioDocument diff) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public StudioDiff Diff { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Diff = await diff.ExecuteAsync(new DiffStudioDocumentRequest(Kind, Key, From, To), ct);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Studio.Features.Preview;

namespace Saas.Modules.Studio.Pages.Admin.Studio;

/// <summary>What the public will see of the open draft (a location: its card on the portal), before anything is published.</summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class PreviewModel(PreviewStudioDocument preview) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    public StudioPreview Preview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Preview = await preview.ExecuteAsync(new PreviewStudioDocumentRequest(Kind, Key), ct);
}

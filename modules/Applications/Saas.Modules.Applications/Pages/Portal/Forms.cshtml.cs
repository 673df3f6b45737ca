using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Applications.Features.Portal;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary><c>GET /antraege</c>: the authority's published forms, each title in the reader's language (or German, marked).</summary>
internal sealed class FormsModel(PublishedForms forms) : PageModel
{
    public IReadOnlyList<PortalForm> Forms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Forms = await forms.ListAsync(ct);
}

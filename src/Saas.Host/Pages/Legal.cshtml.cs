using Saas.Modules.Organization.Contracts;

namespace Saas.Host.Pages;

/// <summary>
/// One of the authority's legal pages (Impressum, privacy notice, accessibility statement: the <c>legal-page</c> kind of
/// Organization) on its public portal, in the reader's language where the authority wrote that version; a section shown
/// in German says so, and carries <c>lang="de"</c> (no silent fallback).
/// </summary>
public sealed class LegalModel(IServiceProvider services) : PageModel
{
    public LegalPage? Legal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        var tenant = HttpContext.GetTenant();
        if (tenant is null || !tenant.IsModuleEnabled("organization"))
        {
            return NotFound();
        }

        Legal = (await services.GetRequiredService<IOrganizationDirectory>().GetLegalPagesAsync(ct)).FirstOrDefault(p => p.Key == key);
        return Legal is null ? NotFound() : Page();
    }
}

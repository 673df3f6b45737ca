using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Platform.Hosting;
using Saas.Platform.Identity;
using Saas.Platform.Tenancy;

namespace Saas.Host.Pages.Staff;

/// <summary>The caseworkers' start page of one authority.</summary>
[Authorize(Policy = SaasPolicies.Staff)]
public sealed class IndexModel(ModuleCatalog modules) : PageModel
{
    public IReadOnlyList<string> EnabledModules { get; private set; } = [];

    public IReadOnlyList<string> SigningAuthorities { get; private set; } = [];

    public void OnGet()
    {
        var tenant = HttpContext.GetTenant();
        EnabledModules = modules.Modules.Where(m => tenant?.IsModuleEnabled(m.Name) == true).Select(m => m.Name).ToList();
        SigningAuthorities = User.FindAll(SaasClaims.SigningAuthority).Select(c => c.Value).ToList();
    }
}

using Microsoft.AspNetCore.Authorization;

namespace Saas.Host.Pages.Staff;

/// <summary>The caseworkers' start page of one authority.</summary>
[Authorize(Policy = SaasPolicies.Staff)]
public sealed class IndexModel(ModuleCatalog modules) : PageModel
{
    public IReadOnlyList<string> EnabledModules { get; private set; } = [];

    /// <summary>The work areas of the enabled modules (e.g. the e-Akte workbench).</summary>
    public IReadOnlyList<AdminLink> WorkLinks { get; private set; } = [];

    public IReadOnlyList<string> SigningAuthorities { get; private set; } = [];

    public void OnGet()
    {
        var tenant = HttpContext.GetTenant();
        var enabled = modules.Modules.Where(m => tenant?.IsModuleEnabled(m.Name) == true).ToList();
        EnabledModules = enabled.Select(m => m.Name).ToList();
        WorkLinks = enabled.SelectMany(m => m.StaffLinks).ToList();
        SigningAuthorities = User.FindAll(SaasClaims.SigningAuthority).Select(c => c.Value).ToList();
    }
}

using Microsoft.AspNetCore.Authorization;
using Saas.Modules.Organization.Contracts;

namespace Saas.Host.Pages.Staff;

/// <summary>The caseworkers' start page of one authority.</summary>
[Authorize(Policy = SaasPolicies.Staff)]
public sealed class IndexModel(ModuleCatalog modules, IStaffDirectory staff, ICurrentActor actor) : PageModel
{
    public IReadOnlyList<string> EnabledModules { get; private set; } = [];

    /// <summary>The work areas of the enabled modules (e.g. the e-Akte workbench).</summary>
    public IReadOnlyList<AdminLink> WorkLinks { get; private set; } = [];

    /// <summary>
    /// The legal bases the person may sign, as the authority configured them (their staff document, docs/adr/0022);
    /// the token's <c>signing_authority</c> claim is not read.
    /// </summary>
    public IReadOnlyList<string> SigningAuthorities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tenant = HttpContext.GetTenant();
        var enabled = modules.Modules.Where(m => tenant?.IsModuleEnabled(m.Name) == true).ToList();
        EnabledModules = enabled.Select(m => m.Name).ToList();
        WorkLinks = enabled.SelectMany(m => m.StaffLinks).ToList();
        SigningAuthorities = tenant?.IsModuleEnabled("organization") == true && await staff.FindAsync(actor.Identities, ct) is { } member
            ? member.SigningAuthorities
            : [];
    }
}

using Saas.Modules.Organization;
using Saas.Platform.Modules;

namespace Saas.Host;

/// <summary>
/// The composition root's module list. It is written out here, not discovered: what runs is what is listed.
/// An authority switches each module on or off in its tenant.yaml.
/// </summary>
public static class HostModules
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new OrganizationModule(),
    ];
}

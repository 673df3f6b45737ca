using Saas.Modules.Applications;
using Saas.Modules.Appointments;
using Saas.Modules.Cases;
using Saas.Modules.Fees;
using Saas.Modules.Letters;
using Saas.Modules.Organization;
using Saas.Modules.Studio;
using Saas.Modules.Workflows;

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
        new CasesModule(),
        new StudioModule(),
        new WorkflowsModule(),
        new LettersModule(),
        new AppointmentsModule(),
        new FeesModule(),
        new ApplicationsModule(),
    ];

    /// <summary>Migrations of the host's own parts: the embedded OpenID Connect provider's tables.</summary>
    public static IReadOnlyList<SqlMigration> HostMigrations { get; } =
        SqlMigration.FromEmbeddedResources(typeof(HostModules).Assembly, "identity");

    /// <summary>Every migration this host needs, in order.</summary>
    public static IEnumerable<SqlMigration> AllMigrations() =>
        new ModuleCatalog(All, HostMigrations).AllMigrations(SaasPlatformExtensions.KernelMigrations);
}

using Microsoft.Extensions.Configuration;
using Saas.Modules.Organization.Contracts;
using Saas.Modules.Organization.Features.Locations;
using Saas.Modules.Organization.Features.Profile;
using Saas.Modules.Organization.Features.SurnameRanges;
using Saas.Modules.Organization.Features.Units;
using Saas.Platform.Data;
using Saas.Platform.Modules;

namespace Saas.Modules.Organization;

/// <summary>
/// The authority itself: profile, locations with opening hours and counters, units (Sachgebiete), surname
/// ranges (Buchstabengruppen) and public holidays. Its configuration is metadata (tenants/&lt;key&gt;/); it has no
/// settings of its own (so no options type); its documents are edited in the admin studio (modules/Studio, docs/adr/0019).
/// </summary>
public sealed class OrganizationModule : IModule
{
    public const string ModuleName = "organization";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(OrganizationModule).Assembly, ModuleName);

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        services.AddScoped<IModuleSamples, Features.Samples.OrganizationSamples>();
        ProfileFeature.AddServices(services);
        Features.Staff.StaffFeature.AddServices(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ProfileFeature.Map(endpoints);
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(LocationKind.Create());
        kinds.Add(UnitKind.Create());
        kinds.Add(SurnameRangesKind.Create());
        kinds.Add(Features.Staff.StaffKind.Create());
        kinds.Add(Features.LegalPages.LegalPageKind.Create());
    }
}

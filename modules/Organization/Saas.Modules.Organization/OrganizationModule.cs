using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Modules.Organization.Contracts;
using Saas.Modules.Organization.Features.EditOrganization;
using Saas.Modules.Organization.Features.Locations;
using Saas.Modules.Organization.Features.Profile;
using Saas.Modules.Organization.Features.SurnameRanges;
using Saas.Modules.Organization.Features.Units;
using Saas.Platform.Data;
using Saas.Platform.Modules;

namespace Saas.Modules.Organization;

/// <summary>
/// The authority itself: profile, locations with opening hours and counters, units (Sachgebiete), surname
/// ranges (Buchstabengruppen) and public holidays. Its configuration is metadata (tenants/&lt;key&gt;/).
/// </summary>
public sealed class OrganizationModule : IModule
{
    public const string ModuleName = "organization";

    public string Name => ModuleName;

    public string? PageArea => "Organization";

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(OrganizationModule).Assembly, ModuleName);

    public IReadOnlyList<AdminLink> AdminLinks { get; } =
    [
        new("/admin/organization", new LocalizedText("organization.saas.modules.organization.organisation")),
    ];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        services.AddScoped<IModuleSamples, Features.Samples.OrganizationSamples>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ReadOrganizationEndpoints.Map(endpoints);
        EditOrganizationEndpoints.Map(endpoints);
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(LocationKind.Create());
        kinds.Add(UnitKind.Create());
        kinds.Add(SurnameRangesKind.Create());
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Data;
using Saas.Platform.Metadata;
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

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/organization/ping", () => Results.Ok(new { module = ModuleName }));
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
    }
}

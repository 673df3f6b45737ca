using Microsoft.AspNetCore.Routing;
using Saas.Platform.Metadata;

namespace Saas.Platform.Modules;

/// <summary>
/// What a module gives the platform. The host lists its modules explicitly (no assembly scanning); each
/// authority switches modules on in its <c>tenant.yaml</c>, and a module that is off answers 404 there.
/// </summary>
public interface IModule
{
    /// <summary>Lower-case name as used in <c>tenant.yaml</c> (<c>modules: [organization, cases]</c>).</summary>
    string Name { get; }

    /// <summary>The module's SQL migrations, in order.</summary>
    IReadOnlyList<SqlMigration> Migrations { get; }

    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's tenant-scoped endpoints. The platform tags them with the module.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    void RegisterMetadataKinds(IMetadataKindRegistry kinds);

    /// <summary>Entries of the admin area's navigation.</summary>
    IReadOnlyList<AdminLink> AdminLinks => [];

    /// <summary>Entries of the staff start page (the caseworkers' work areas the module brings).</summary>
    IReadOnlyList<AdminLink> StaffLinks => [];

    /// <summary>Entries of the public header for applicants (their own area: a sign-in for a guest, their page when signed in).</summary>
    IReadOnlyList<AdminLink> ApplicantLinks => [];
}

/// <summary>
/// A link in the admin navigation or on the staff start page, by the name of the Razor page it opens
/// (<c>/Admin/Organization/Index</c>): the host writes it with <c>Url.Page</c>, so routing adds the tenant's path base,
/// and a renamed page fails a test instead of leaving a dead link (docs/adr/0012).
/// </summary>
public sealed record AdminLink(string Page, LocalizedText Title);

/// <summary>Endpoint metadata: this endpoint belongs to a module and needs it enabled for the tenant.</summary>
public sealed record ModuleEndpointMetadata(string Module);

using Microsoft.Extensions.Configuration;
using Saas.Platform.Data;
using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications;

/// <summary>
/// Online applications (issue 14; docs/adr/0032): forms as metadata (the kind <c>form</c>: steps, groups, repeating
/// groups, fields, code lists, conditions and computed values in the kernel's expression language, validation,
/// evidence per situation, labels per language, FIM provenance), the import of FIM XDatenfelder 2 and 3 schemas into
/// such a definition, and the server-side validation of a submission against it. Rendering, the portal, stored
/// submissions and FIT-Connect come later; the module keeps no records yet.
/// </summary>
public sealed class ApplicationsModule : IModule
{
    public const string ModuleName = "applications";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = [];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IModuleSamples, Features.Samples.ApplicationsSamples>();
        services.AddSingleton<Contracts.IFimFormImport, Features.FimImport.FimFormImport>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(FormKind.Create());
    }
}

using Microsoft.Extensions.Configuration;
using Saas.Platform.Data;
using Saas.Modules.Studio.Features.Documents;
using Saas.Modules.Studio.Features.Preview;

namespace Saas.Modules.Studio;

/// <summary>
/// The admin studio: every kind of configuration the host registers (the kernel's tenant profile, each module's kinds)
/// edited through forms made from its JSON Schema, or as YAML; drafts that keep their errors, publishing a chosen set,
/// diff, preview, history with restore, export and import of the whole configuration (docs/adr/0019). It owns no
/// kind and no table: it works on the metadata store (<see cref="IMetadataDrafts"/>, <see cref="IMetadataExchange"/>).
/// </summary>
public sealed class StudioModule : IModule
{
    public const string ModuleName = "studio";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = [];

    public IReadOnlyList<AdminLink> AdminLinks { get; } =
    [
        new("/Admin/Studio/Index", new LocalizedText("studio.link")),
    ];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IModuleSamples, Features.Samples.StudioSamples>();
        StudioDocumentsFeature.AddServices(services);
        PreviewFeature.AddServices(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => StudioDocumentsFeature.Map(endpoints);

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
    }
}

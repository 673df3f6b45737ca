using Microsoft.Extensions.Configuration;
using Saas.Modules.Letters.Features.Definitions;
using Saas.Modules.Letters.Features.Producing;
using Saas.Modules.Letters.Features.Rendering;
using Saas.Platform.Data;
using Saas.Platform.Modules;

namespace Saas.Modules.Letters;

/// <summary>
/// The letters pipeline (docs/adr/0023): the metadata kind <c>letter</c> (text blocks and placeholders the admins edit
/// in the studio), the reviewed Razor templates in <c>tenants/&lt;key&gt;/templates/</c> (or the platform's shared ones),
/// rendering with RazorLight to HTML and with WeasyPrint to PDF/A-2b, and filing into the e-Akte through its contract.
/// It owns no table: a produced letter is a document of the file.
/// </summary>
public sealed class LettersModule : IModule
{
    public const string ModuleName = "letters";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = [];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LettersOptions>().Bind(configuration.GetSection(LettersOptions.Section))
            .PostConfigure(o => o.TenantsPath ??= LettersOptions.FindTenantsPath(configuration["Saas:TenantsPath"]))
            .Validate(o => o.RenderTimeoutSeconds is > 0 and <= 300 && o.MaxPdfBytes > 0 && o.MaxHtmlBytes > 0, "Letters: limits must be positive")
            .ValidateOnStart();
        services.AddScoped<IModuleSamples, Features.Samples.LettersSamples>();
        DefinitionsFeature.AddServices(services);
        RenderingFeature.AddServices(services);
        ProducingFeature.AddServices(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => ProducingFeature.Map(endpoints);

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(LetterKind.Create());
    }
}

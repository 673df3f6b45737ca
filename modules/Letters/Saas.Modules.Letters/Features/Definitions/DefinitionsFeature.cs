using Saas.Platform.Modules;

namespace Saas.Modules.Letters.Features.Definitions;

/// <summary>The letter kind's check across an authority's folder (template files, document types).</summary>
internal static class DefinitionsFeature
{
    public static void AddServices(IServiceCollection services) => services.AddSingleton<IConfigurationSetCheck, LetterReferences>();
}

using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Saas.Platform.Modules;

/// <summary>
/// Pages of modules that are Razor class libraries (ADR 0008): each listed module's assembly is an application
/// part, and every page compiled into it carries the module's <see cref="ModuleEndpointMetadata"/>, so that
/// <see cref="ModuleGateMiddleware"/> answers 404 for its pages exactly as for its endpoints.
/// </summary>
public static class ModulePages
{
    public static IMvcBuilder AddModulePages(this IMvcBuilder mvc, IReadOnlyList<IModule> modules)
    {
        ArgumentNullException.ThrowIfNull(mvc);
        ArgumentNullException.ThrowIfNull(modules);
        mvc.ConfigureApplicationPartManager(parts =>
        {
            // The parts a Razor class library declares for itself (its types and its compiled pages), whether or not
            // the host's build generated an ApplicationPart attribute for it.
            foreach (var assembly in modules.Select(m => m.GetType().Assembly).Distinct())
            {
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    if (!parts.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            }
        });
        mvc.Services.Configure<RazorPagesOptions>(options => options.Conventions.Add(new ModulePageConvention(modules)));
        return mvc;
    }
}

/// <summary>Tags a page with the module whose assembly it was compiled into.</summary>
internal sealed class ModulePageConvention(IReadOnlyList<IModule> modules) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var module = modules.FirstOrDefault(m => m.GetType().Assembly == model.PageType.Assembly);
        if (module is not null)
        {
            model.EndpointMetadata.Add(new ModuleEndpointMetadata(module.Name));
        }
    }
}

using System.Collections.Concurrent;
using RazorLight;

namespace Saas.Modules.Letters.Features.Rendering;

/// <summary>
/// RazorLight 2.3.1 over the tenants folder (docs/adr/0023): it compiles the reviewed template files only, by their key
/// relative to the folder (<c>_platform/templates/anhoerung.cshtml</c>), and caches each compiled template in memory
/// for the life of the process. A text block an admin wrote is a value of the model, never a template.
/// </summary>
internal sealed class RazorRenderer
{
    private readonly ConcurrentDictionary<string, RazorLightEngine> engines = new(StringComparer.Ordinal);

    public async Task<string> RenderAsync(string tenantsRoot, string key, LetterModel model)
    {
        var engine = engines.GetOrAdd(tenantsRoot, root => new RazorLightEngineBuilder()
            .UseFileSystemProject(root, "")
            .SetOperatingAssembly(typeof(RazorRenderer).Assembly)
            .UseMemoryCachingProvider()
            .Build());
        return await engine.CompileRenderAsync(key, model);
    }
}

namespace Saas.Modules.Letters.Features.Rendering;

/// <summary>Rendering: RazorLight's compiled templates (one cache per process) and WeasyPrint as a process.</summary>
internal static class RenderingFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<RazorRenderer>();
        services.AddSingleton<PdfRenderer>();
        services.AddScoped<RenderLetter>();
    }
}

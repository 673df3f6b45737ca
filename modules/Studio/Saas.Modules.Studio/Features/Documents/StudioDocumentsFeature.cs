using Saas.Modules.Studio.Features.Exchange;

namespace Saas.Modules.Studio.Features.Documents;

/// <summary>The studio's services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class StudioDocumentsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<StudioKinds>();
        services.AddSingleton<ICustomEditor, WeeklyHoursEditor>();
        services.AddSingleton<CustomEditors>();
        services.AddSingleton<FormBinder>();
        services.AddScoped<StudioAuthor>();
        services.AddScoped<ListStudioDocuments>();
        services.AddScoped<OpenStudioDocument>();
        services.AddScoped<SaveStudioDraft>();
        services.AddScoped<SaveStudioForm>();
        services.AddScoped<DiscardStudioDraft>();
        services.AddScoped<PublishStudioDrafts>();
        services.AddScoped<RestoreStudioVersion>();
        services.AddScoped<ReadStudioHistory>();
        services.AddScoped<DiffStudioDocument>();
        services.AddScoped<ExportConfiguration>();
        services.AddScoped<ImportConfiguration>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => StudioEndpoints.Map(endpoints);
}

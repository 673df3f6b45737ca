namespace Saas.Platform.Modules;

/// <summary>
/// Runs after routing: a module's endpoint exists only for tenants that enabled the module, and never
/// outside a tenant. Everything else answers 404, exactly as if the endpoint were not there.
/// </summary>
internal sealed class ModuleGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var module = context.GetEndpoint()?.Metadata.GetMetadata<ModuleEndpointMetadata>();
        if (module is not null)
        {
            var tenant = context.GetTenant();
            if (tenant is null || !tenant.IsModuleEnabled(module.Module))
            {
                await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "not-found",
                    new LocalizedText("problem.not-found"), null);
                return;
            }
        }

        await next(context);
    }
}

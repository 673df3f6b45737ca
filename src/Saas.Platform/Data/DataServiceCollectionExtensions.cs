using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Saas.Platform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The interceptor every tenant-aware context needs outside DI (tests, benchmarks, tools).</summary>
    public static DbContextOptionsBuilder<TContext> AddTenantInterceptors<TContext>(this DbContextOptionsBuilder<TContext> options, TenantSession session)
        where TContext : TenantDbContext
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddInterceptors(new TenantConnectionInterceptor(session));
    }

    /// <summary>
    /// Registers a module's tenant-aware DbContext on the application's data source with the tenant binding
    /// interceptor. Modules call this from <c>IModule.ConfigureServices</c>.
    /// </summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services)
        where TContext : TenantDbContext
    {
        services.AddDbContext<TContext>((sp, options) =>
        {
            var dataSource = sp.GetRequiredService<AppDataSource>();
            options.UseNpgsql(dataSource.DataSource, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetRequiredService<TenantConnectionInterceptor>());
        });
        return services;
    }
}

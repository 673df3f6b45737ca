using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Saas.Platform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The interceptor every tenant-aware context needs outside DI (tests, benchmarks, tools).</summary>
    public static DbContextOptionsBuilder<TContext> AddTenantInterceptors<TContext>(this DbContextOptionsBuilder<TContext> options, TenantSession session)
        where TContext : TenantDbContext
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddInterceptors(new TenantConnectionInterceptor(session), OutboxCommitSignal.Instance);
    }

    /// <summary>
    /// Registers a module's tenant-aware DbContext as a scoped service on the application's data source, with
    /// the tenant binding interceptor. Contexts are pooled (creating one costs about as much as a small query);
    /// each lease is attached to the current tenant before it is handed out, and the pool itself is not
    /// registered, so no code can obtain a context that skipped the attachment.
    /// Modules call this from <c>IModule.ConfigureServices</c>.
    /// </summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services, int poolSize = 256)
        where TContext : TenantDbContext
    {
        services.AddSingleton(sp => new TenantContextPool<TContext>(
            new PooledDbContextFactory<TContext>(BuildOptions<TContext>(sp), poolSize)));
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<TenantContextPool<TContext>>().Factory.CreateDbContext();
            context.AttachTenant(sp.GetRequiredService<ICurrentTenant>());
            return context;
        });
        return services;
    }

    private static DbContextOptions<TContext> BuildOptions<TContext>(IServiceProvider sp)
        where TContext : TenantDbContext
    {
        var dataSource = sp.GetRequiredService<AppDataSource>();
        return new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(dataSource.DataSource, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<TenantConnectionInterceptor>(), OutboxCommitSignal.Instance)
            // A context never crosses threads here (one per request scope); the check costs on every query.
            .EnableThreadSafetyChecks(false)
            .Options;
    }
}

/// <summary>Holds a context pool privately, so that contexts are only ever leased through the scoped registration.</summary>
internal sealed class TenantContextPool<TContext>(PooledDbContextFactory<TContext> factory)
    where TContext : TenantDbContext
{
    public PooledDbContextFactory<TContext> Factory { get; } = factory;
}

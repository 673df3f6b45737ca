using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace Saas.Host.Operations;

/// <summary>
/// What an operator needs to run several stateless replicas: structured logs, traces and metrics,
/// health endpoints, an OpenAPI document, and data-protection keys kept in the database.
/// </summary>
internal static class OperationsExtensions
{
    public static IServiceCollection AddSaasOperations(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSerilog((sp, log) =>
        {
            log.ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("service", "saas-host");
            if (configuration.GetValue("Logging:Json", !environment.IsDevelopment()))
            {
                log.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {tenant} {Message:lj}{NewLine}{Exception}");
            }
        });
        CachingLoggerFactory.Decorate(services);

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("saas-host"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql"));
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Only when an operator points us at a collector; nothing is sent anywhere by default. Traces are recorded
            // only then: spans nobody collects cost every request its activities and their tags (docs/adr/0041).
            otel.WithTracing(t => t
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter();
        }

        services.AddSaasTrustedProxies(configuration);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddOpenApi();

        services.AddSingleton<DatabaseXmlRepository>();
        DataProtectionKeys.Protect(services.AddDataProtection().SetApplicationName("saas"), configuration, environment);
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((options, repository) => options.XmlRepository = repository);
        return services;
    }

    public static WebApplication MapSaasOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}

/// <summary>Ready means: the database answers as the application role and the schema is migrated.</summary>
internal sealed class DatabaseHealthCheck(Saas.Platform.Data.AppDataSource db, ICurrentTenant currentTenant) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var scope = currentTenant.BeginPlatformScope();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM platform.schema_migrations", connection);
            var migrations = (long)(await cmd.ExecuteScalarAsync(cancellationToken) ?? 0L);
            return migrations > 0
                ? HealthCheckResult.Healthy($"{migrations} migrations applied")
                : HealthCheckResult.Unhealthy("The database has no migrations applied.");
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

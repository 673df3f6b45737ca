using Saas.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Saas.Platform.Metadata;
using Saas.Platform.Modules;
using Saas.Platform.Storage;
using Saas.Platform.Outbox;
using Saas.Platform.Web;

namespace Saas.Platform.Hosting;

/// <summary>The modules the host was composed of, in the order it listed them.</summary>
public sealed class ModuleCatalog(IReadOnlyList<IModule> modules, IReadOnlyList<SqlMigration>? hostMigrations = null)
{
    public IReadOnlyList<IModule> Modules { get; } = modules;

    /// <summary>Migrations of host parts that are not modules (e.g. the embedded sign-in's tables).</summary>
    public IReadOnlyList<SqlMigration> HostMigrations { get; } = hostMigrations ?? [];

    /// <summary>The kernel's migrations first, then the host's, then each module's.</summary>
    public IEnumerable<SqlMigration> AllMigrations(IEnumerable<SqlMigration> kernel) =>
        kernel.Concat(HostMigrations).Concat(Modules.SelectMany(m => m.Migrations));
}

public static class SaasPlatformExtensions
{

    /// <summary>Kernel services plus every listed module. Call once from the host.</summary>
    public static IServiceCollection AddSaasPlatform(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> modules, IReadOnlyList<SqlMigration>? hostMigrations = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(TimeProvider.System);
        // Texts of the kernel, the host and every module (docs/adr/0012).
        // The host adds its own assembly with TextCatalog.Include before it builds; the catalogue is taken when first asked for.
        TextCatalog.Include(modules.Select(m => m.GetType().Assembly));
        services.AddSingleton(_ => TextCatalog.Shared);
        services.AddSingleton<ITexts>(sp => sp.GetRequiredService<TextCatalog>());
        services.AddSingleton<ICurrentActor, CurrentActor>();
        services.AddSingleton<ICurrentTenant, CurrentTenant>();
        services.AddSingleton<TenantSession>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.Application))
            {
                throw new InvalidOperationException("Database:Application (the application role's connection string) is not configured.");
            }

            return new AppDataSource(options.Application, sp.GetRequiredService<TenantSession>());
        });
        services.AddSingleton<TenantConnectionInterceptor>();
        services.AddSingleton<ITenantCatalog, TenantCatalog>();

        var kinds = new MetadataKindRegistry();
        kinds.Add(TenantKind.Create());
        services.AddSingleton<IMetadataKindRegistry>(kinds);
        services.AddSingleton<MetadataValidator>();
        services.AddSingleton<IMetadataFiles, MetadataFiles>();
        services.AddSingleton<IMetadataStore, MetadataStore>();
        services.AddSingleton<MetadataImporter>();
        services.AddSingleton<TenantProvisioning>();
        services.AddSingleton<IMetadataDrafts, MetadataDrafts>();
        services.AddSingleton<IMetadataExchange, MetadataExchange>();
        services.AddHttpContextAccessor();
        services.AddSaasBlobStore(configuration);
        services.AddSingleton<Saas.Platform.Audit.AuditTrail>();
        services.AddSingleton<Saas.Platform.Audit.IAuditTrail>(sp => sp.GetRequiredService<Saas.Platform.Audit.AuditTrail>());
        services.AddSingleton<Saas.Platform.Audit.IAuditVerifier>(sp => sp.GetRequiredService<Saas.Platform.Audit.AuditTrail>());
        services.AddSingleton(new ModuleCatalog(modules, hostMigrations));
        foreach (var module in modules)
        {
            module.ConfigureServices(services, configuration);
            module.RegisterMetadataKinds(kinds);
        }

        services.AddProblemDetails();
        services.AddHostedService<MigrateOnStartService>();
        services.AddHostedService<ImportTenantsOnStartService>();
        services.AddOptions<Saas.Platform.Outbox.OutboxOptions>().Bind(configuration.GetSection(Saas.Platform.Outbox.OutboxOptions.Section))
            .Validate(o => !o.Problems().Any(), "Outbox:MaxParallel and Outbox:MaxPerTenant must be at least 1.").ValidateOnStart();
        // E-mail: notifications without personal data, sent from the outbox over SMTP (docs/adr/0034).
        services.AddOptions<Saas.Platform.Mail.MailOptions>().Bind(configuration.GetSection(Saas.Platform.Mail.MailOptions.Section))
            .Validate(o => !o.Problems().Any(), "Mail: Security must be StartTls, SslOnConnect or None; Port a TCP port; From an address.").ValidateOnStart();
        services.AddIntegrationEventHandler<Saas.Platform.Mail.MailNotification, Saas.Platform.Mail.SendMailNotification>();
        services.AddScoped<Saas.Platform.Mail.PublicLinks>();
        // Against bots: ALTCHA proof of work and the limit per client (docs/adr/0036).
        services.AddOptions<Saas.Platform.Antibot.AltchaOptions>().Bind(configuration.GetSection(Saas.Platform.Antibot.AltchaOptions.Section))
            .Validate<Microsoft.Extensions.Hosting.IHostEnvironment>((o, environment) => !o.Problems(Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsProduction(environment)).Any(), "Altcha: Algorithm PBKDF2/SHA-256 or SHA-256, positive Cost and ExpiresMinutes, CounterMin <= CounterMax, and in Production a Secret of at least 32 characters.")
            .ValidateOnStart();
        services.AddSingleton<Saas.Platform.Antibot.Altcha>();
        Saas.Platform.Antibot.ClientLimits.AddServices(services, configuration);
        services.AddSingleton<Saas.Platform.Outbox.OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Saas.Platform.Outbox.OutboxDispatcher>());
        return services;
    }

    /// <summary>The kernel's migrations (tenant registry, RLS helpers, shared tables).</summary>
    public static IReadOnlyList<SqlMigration> KernelMigrations { get; } =
        SqlMigration.FromEmbeddedResources(typeof(SaasPlatformExtensions).Assembly, "platform");

    /// <summary>
    /// Request pipeline: browser hardening headers, language, errors, tenant resolution, authentication, the tenant-claim guard,
    /// authorization and the module gate, in that order.
    /// </summary>
    public static WebApplication UseSaasPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Browser hardening first, so that every answer carries it: pages, static files, problems, redirects.
        SecurityHeaders.Use(app);
        // Language next: error pages and problem details below are written in the person's language. The chain:
        // ?lang, the language cookie, Accept-Language, then the authority's default language (tenant.yaml), then German.
        var texts = app.Services.GetRequiredService<TextCatalog>();
        var cultures = texts.Languages.Select(l => new CultureInfo(l.Tag)).ToList();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(TextCatalog.BaseLanguage),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
                new AuthorityLanguageProvider(),
            ],
        });
        // Each request keeps its own record of the languages its page borrowed texts from (docs/adr/0033).
        app.Use((context, next) =>
        {
            TextFallbacks.Begin();
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledAsync,
            // A 404 problem is one of our answers, not a missing error page.
            AllowStatusCode404Response = true,
            // A problem the person caused (4xx) is an answer, not a fault: WriteUnhandledAsync logs it at Information
            // without a stack trace, instead of the middleware's "unhandled exception" at Error. 5xx and anything
            // unexpected keep the middleware's error log, metrics tag and event.
            SuppressDiagnosticsCallback = context => ClientErrorStatus(context.Exception) is not null,
        });
        // Early, so that it also wraps the 401/403 the authentication and authorization middleware answer.
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0)
            {
                return;
            }

            var status = http.Response.StatusCode;
            var (code, text) = status switch
            {
                404 => ("not-found", new LocalizedText("problem.not-found")),
                401 => ("unauthorized", new LocalizedText("problem.unauthorized")),
                403 => ("forbidden", new LocalizedText("problem.forbidden")),
                405 => ("method-not-allowed", new LocalizedText("problem.method-not-allowed")),
                // A form the framework refused before any page saw it (beyond the form reader's limits, or an outdated
                // antiforgery token): nothing of it was taken, and the person is told so.
                400 when http.Request.HasFormContentType => ("form-not-taken", new LocalizedText("problem.form-not-taken")),
                _ => ("error", new LocalizedText("problem.error")),
            };
            await Problems.WriteAsync(http, status, code, text, null);
        });

        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantClaimGuardMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<ModuleGateMiddleware>();
        app.UseRateLimiter();
        Saas.Platform.Antibot.AntibotEndpoints.Map(app);
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        foreach (var module in catalog.Modules)
        {
            var group = app.MapGroup("").WithMetadata(new ModuleEndpointMetadata(module.Name));
            module.MapEndpoints(group);
        }

        return app;
    }

    /// <summary>The status of an exception that is a client error (4xx problem or malformed request), otherwise null.</summary>
    private static int? ClientErrorStatus(Exception? error) => error switch
    {
        SaasProblemException { Status: >= 400 and < 500 } problem => problem.Status,
        BadHttpRequestException { StatusCode: >= 400 and < 500 } bad => bad.StatusCode,
        not null when IsMalformedForm(error) => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>
    /// A multipart or form body the framework could not read (a missing boundary, a truncated part, too many values):
    /// the client's mistake, thrown as InvalidDataException or IOException by the form and multipart readers.
    /// </summary>
    private static bool IsMalformedForm(Exception error) =>
        error is InvalidDataException or IOException
        && error.TargetSite?.DeclaringType?.FullName is { } thrower
        && (thrower.StartsWith("Microsoft.AspNetCore.WebUtilities.", StringComparison.Ordinal)
            || thrower.StartsWith("Microsoft.AspNetCore.Http.Features.FormFeature", StringComparison.Ordinal)
            || thrower.StartsWith("Microsoft.AspNetCore.Http.FormFeature", StringComparison.Ordinal));

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case SaasProblemException problem:
                if (problem.Errors is not null)
                {
                    context.Items["problem-errors"] = problem.Errors;
                }

                if (problem.Extensions.Count > 0)
                {
                    context.Items["problem-extensions"] = problem.Extensions;
                }

                if (ClientErrorStatus(problem) is { } status)
                {
                    LogClientError(context, status, problem.Code, problem.Detail, problem.Errors?.Keys);
                }

                await Problems.WriteAsync(context, problem.Status, problem.Code, problem.Title, problem.Detail);
                return;
            case Saas.Platform.Storage.BlobIntegrityException:
                // A fault of the storage, not of the person: logged at Error by the middleware, answered without the bytes.
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "blob-damaged", Problem.Title("blob-damaged"), null);
                return;
            case BadHttpRequestException bad:
                if (ClientErrorStatus(bad) is { } badStatus)
                {
                    LogClientError(context, badStatus, "bad-request", bad.Message, null);
                }

                await Problems.WriteAsync(context, bad.StatusCode, "bad-request",
                    new LocalizedText("problem.bad-request"), null);
                return;
            case not null when ClientErrorStatus(error) is { } malformed:
                LogClientError(context, malformed, "bad-request", error.Message, null);
                await Problems.WriteAsync(context, malformed, "bad-request", new LocalizedText("problem.bad-request"), null);
                return;
            case not null when DatabaseUnavailable.Is(error):
                // A fault of ours, logged as such by the middleware; the client is told to come back.
                context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "database-unavailable",
                    new LocalizedText("problem.database-unavailable"), null);
                return;
            default:
                // Logged once, at Error with its stack trace, by the exception handler middleware itself (its request
                // scope carries the path and trace id); logging it here as well wrote every fault twice.
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal",
                    new LocalizedText("problem.internal"),
                    null);
                return;
        }
    }

    /// <summary>
    /// A client error as one line at Information: the problem type, the status and what the detail names (a field,
    /// an entry, an id), so that ops see what was refused without an error and its stack trace.
    /// </summary>
    private static void LogClientError(HttpContext context, int status, string code, string? detail, IEnumerable<string>? fields)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Saas.Problems");
        logger.LogInformation("Answered {Method} {Path} with {Status} {ProblemType}; detail: {Detail}; fields: {Fields}", context.Request.Method,
            (context.Request.PathBase + context.Request.Path).ToString(), status, Problems.TypeBase + code, detail ?? "-", fields is null ? "-" : string.Join(", ", fields));
    }
}

/// <summary>Applies migrations at start-up when <c>Database:MigrateOnStart</c> is set (embedded default, tests).</summary>
internal sealed class MigrateOnStartService(IOptions<DatabaseOptions> options, ModuleCatalog modules, ILogger<MigrateOnStartService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var db = options.Value;
        if (!db.MigrateOnStart)
        {
            return;
        }

        var migrator = new SqlMigrator(db.Owner, db.ApplicationRole, logger);
        await migrator.MigrateAsync(modules.AllMigrations(SaasPlatformExtensions.KernelMigrations), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Imports every authority folder at start-up when <c>Saas:ImportTenantsFrom</c> names a folder (the embedded
/// default points it at the repository's tenants/). An invalid folder stops the start with located errors.
/// </summary>
internal sealed class ImportTenantsOnStartService(IConfiguration configuration, MetadataImporter importer, ILogger<ImportTenantsOnStartService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = configuration["Saas:ImportTenantsFrom"];
        if (string.IsNullOrWhiteSpace(root))
        {
            return;
        }

        try
        {
            var results = await importer.ImportAllAsync(root, "system:start-up-import", publish: true, cancellationToken);
            logger.LogInformation("Imported {Count} authorities from {Root}", results.Count, root);
        }
        catch (MetadataValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                logger.LogError("{Error}", error.ToString());
            }

            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Saas.Host.Identity;

/// <summary>Storage of the embedded provider's clients and tokens (platform data, not tenant-owned).</summary>
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("identity");
        modelBuilder.UseOpenIddict();
    }
}

/// <summary>
/// OpenID Connect sign-in for both deployments (docs/adr/0004-identity.md). APIs always validate a JWT access
/// token with JwtBearer and map claims with <see cref="ClaimMapping"/>; only where the signing keys come from
/// differs (the embedded OpenIddict server's keys, or Keycloak's JWKS).
/// </summary>
internal static class SaasIdentityExtensions
{
    public static IServiceCollection AddSaasIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        services.Configure<IdentitySettings>(configuration.GetSection(IdentitySettings.Section));
        // Throttled sign-in and server-side sessions, in both modes (hardening item 4, docs/adr/0004).
        services.Configure<SignInSettings>(configuration.GetSection(SignInSettings.Section));
        var signIn = configuration.GetSection(SignInSettings.Section).Get<SignInSettings>() ?? new SignInSettings();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionStore>();
        services.AddScoped<SessionCookieEvents>();
        var publicBase = configuration["Saas:PublicBaseUrl"] ?? "http://localhost:5080/";
        var issuer = new Uri(settings.Issuer ?? publicBase, UriKind.Absolute);

        if (settings.IsEmbedded && environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Identity:Mode=Embedded is a development sign-in with demo users and is refused in Production. Configure Identity:Mode=Keycloak.");
        }

        if (settings.IsEmbedded)
        {
            services.AddSingleton(sp => new DemoUserDirectory(TenantsPath(sp.GetRequiredService<IConfiguration>(), environment)));
        }

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentitySchemes.Default;
                options.DefaultChallengeScheme = IdentitySchemes.Default;
            })
            .AddPolicyScheme(IdentitySchemes.Default, "Bearer or session", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    || context.Request.Path.StartsWithSegments("/api")
                        ? IdentitySchemes.Bearer
                        : IdentitySchemes.Session)
            .AddCookie(IdentitySchemes.Session, options =>
            {
                options.Cookie.Name = "saas.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.CookieManager = new TenantCookieManager();
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/denied";
                options.ExpireTimeSpan = signIn.SessionIdle;
                options.SlidingExpiration = true;
                // The cookie names a server-side session; a revoked one no longer signs anybody in.
                options.EventsType = typeof(SessionCookieEvents);
                if (!settings.IsEmbedded)
                {
                    options.ForwardChallenge = IdentitySchemes.Keycloak;
                }
            })
            .AddJwtBearer(IdentitySchemes.Bearer, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    NameClaimType = SaasClaims.Name,
                    RoleClaimType = SaasClaims.Role,
                    ValidAudience = settings.Audience,
                    ValidateAudience = true,
                    ValidateIssuer = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                if (settings.IsEmbedded)
                {
                    options.TokenValidationParameters.ValidIssuer = issuer.AbsoluteUri;
                }
                else
                {
                    options.Authority = settings.Authority;
                    options.RequireHttpsMetadata = settings.Authority?.StartsWith("https://", StringComparison.Ordinal) ?? true;
                    if (!string.IsNullOrWhiteSpace(settings.SigningKeysJwks))
                    {
                        options.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(settings.SigningKeysJwks).GetSigningKeys();
                        options.TokenValidationParameters.ValidIssuer = settings.Authority;
                        options.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = settings.Authority };
                    }
                }

                options.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = context =>
                    {
                        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Saas.Identity")
                            .LogWarning("A bearer token was refused: {Reason}", context.Exception.Message);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        // An embedded access token from the code flow names its authorization, which a logout revokes
                        // (SessionCookieEvents): such a token ends with the session it came from.
                        if (settings.IsEmbedded && context.Principal!.FindFirst("oi_au_id")?.Value is { } authorizationId
                            && !await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().AuthorizationIsValidAsync(authorizationId, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The sign-in this access token was issued from has ended.");
                            return;
                        }

                        var mapped = ClaimMapping.Map((ClaimsIdentity)context.Principal!.Identity!, settings.IsEmbedded ? null : settings.ClientId);
                        context.Principal = new ClaimsPrincipal(mapped);
                    },
                };
            });

        if (!settings.IsEmbedded)
        {
            authentication.AddOpenIdConnect(IdentitySchemes.Keycloak, options =>
            {
                options.Authority = settings.Authority;
                options.ClientId = settings.ClientId;
                options.ClientSecret = settings.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = false;
                options.SignInScheme = IdentitySchemes.Session;
                options.MapInboundClaims = false;
                options.Scope.Add("profile");
                options.TokenValidationParameters.NameClaimType = SaasClaims.Name;
                options.TokenValidationParameters.RoleClaimType = SaasClaims.Role;
                options.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = context =>
                    {
                        context.Principal = new ClaimsPrincipal(ClaimMapping.Map((ClaimsIdentity)context.Principal!.Identity!, settings.ClientId));
                        return Task.CompletedTask;
                    },
                };
            });
        }
        else
        {
            services.AddScoped<IdentityConnection>();
            services.AddDbContext<IdentityDbContext>((sp, options) =>
            {
                // Clients are registered through the owner's connection (the application role only reads them).
                var owner = sp.GetRequiredService<IdentityConnection>().OwnerConnectionString;
                (owner is null ? options.UseNpgsql(sp.GetRequiredService<AppDataSource>().DataSource) : options.UseNpgsql(owner))
                    .UseSnakeCaseNamingConvention();
                options.UseOpenIddict();
            });
            services.AddOpenIddict()
                .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
                .AddServer(options =>
                {
                    options.SetIssuer(issuer);
                    options.SetAuthorizationEndpointUris("connect/authorize")
                        .SetTokenEndpointUris("connect/token")
                        .SetUserInfoEndpointUris("connect/userinfo")
                        .SetEndSessionEndpointUris("connect/logout");
                    options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                        .AllowRefreshTokenFlow()
                        .AllowClientCredentialsFlow();
                    options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, "saas-api");
                    // Published as claims_supported: what AuthorizationEndpoints puts into tokens and userinfo.
                    options.RegisterClaims(Claims.Subject, Claims.Name, Claims.Role, SaasClaims.Tenant, SaasClaims.SigningAuthority, SaasClaims.FederalState, SaasClaims.TrustLevel);
                    // S256 only: "plain" sends the verifier itself and protects nothing an attacker can read.
                    options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                    // Development keys from the machine's certificate store: stable across restarts of this
                    // machine's hosts. The embedded provider is refused in Production (Keycloak signs there).
                    options.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
                    // Signed, not encrypted, so that the API validates embedded and Keycloak tokens the same way.
                    options.DisableAccessTokenEncryption();
                    // Wrong client secrets are counted and, past the limit, refused before they are checked.
                    options.AddEventHandler(RefuseThrottledClient.Descriptor).AddEventHandler(CountRefusedClientSecret.Descriptor);
                    options.UseAspNetCore()
                        .EnableAuthorizationEndpointPassthrough()
                        .EnableTokenEndpointPassthrough()
                        .EnableUserInfoEndpointPassthrough()
                        .EnableEndSessionEndpointPassthrough()
                        .DisableTransportSecurityRequirement();
                });

            // The API validates the embedded provider's tokens with its signing keys, in process.
            services.AddOptions<JwtBearerOptions>(IdentitySchemes.Bearer)
                .Configure<IOptions<OpenIddictServerOptions>>((jwt, server) =>
                    jwt.TokenValidationParameters.IssuerSigningKeys = server.Value.SigningCredentials.Select(c => c.Key).ToList());
            services.AddHostedService<EmbeddedClientSeeder>();
            OpenIddictRequestPaths.Register(services, issuer);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(SaasPolicies.Staff, policy => policy.RequireAuthenticatedUser().RequireRole(SaasRoles.Caseworker, SaasRoles.TenantAdmin))
            .AddPolicy(SaasPolicies.TenantAdmin, policy => policy.RequireAuthenticatedUser().RequireRole(SaasRoles.TenantAdmin))
            .AddPolicy(SaasPolicies.PlatformOperator, policy => policy.RequireAuthenticatedUser().RequireRole(SaasRoles.PlatformOperator))
            .AddPolicy(SaasPolicies.Device, policy => policy.RequireAuthenticatedUser().RequireRole(SaasRoles.Device))
            .AddPolicy(SaasPolicies.Applicant, policy => policy.RequireAuthenticatedUser().RequireRole(SaasRoles.Applicant).RequireClaim(SaasClaims.Subject));
        return services;
    }

    public static string TenantsPath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Saas:TenantsPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var dir = new DirectoryInfo(environment.ContentRootPath);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tenants")))
        {
            dir = dir.Parent;
        }

        return dir is null ? Path.Combine(environment.ContentRootPath, "tenants") : Path.Combine(dir.FullName, "tenants");
    }
}

/// <summary>
/// Which connection a scope's <see cref="IdentityDbContext"/> uses: the application's (default), or, for the one
/// scope in which <see cref="EmbeddedClientSeeder"/> registers clients, the owner role's.
/// </summary>
internal sealed class IdentityConnection
{
    public string? OwnerConnectionString { get; set; }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Saas.Host.Operations;

/// <summary>
/// Configuration section <c>ForwardedHeaders</c>: the reverse proxies (nginx, an ingress controller) whose
/// <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> the host believes. Without an entry
/// no forwarded header is believed, from anybody: the audit trail then records the proxy's address as the client's.
/// </summary>
internal sealed class TrustedProxySettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.3.7</c> (environment: <c>ForwardedHeaders__KnownProxies__0</c>).</summary>
    public List<string> KnownProxies { get; init; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.42.0.0/16</c> for a cluster's pods.</summary>
    public List<string> KnownNetworks { get; init; } = [];

    /// <summary>How many proxies in a row the host believes, counted from the nearest (default 1).</summary>
    public int ForwardLimit { get; init; } = 1;

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>What is wrong with the settings, one sentence each; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.";
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return $"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.42.0.0/16).";
        }

        if (ForwardLimit < 1)
        {
            yield return "ForwardedHeaders:ForwardLimit must be at least 1.";
        }
    }
}

/// <summary>
/// Believes forwarded headers from the configured proxies only. ASP.NET Core's own defaults (loopback trusted) are
/// cleared, so that what is trusted is exactly what an operator wrote down.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddSaasTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TrustedProxySettings.Section).Get<TrustedProxySettings>() ?? new TrustedProxySettings();
        var problems = settings.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.AddSingleton(settings);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = settings.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, before the authority is resolved from the host name and before anything is audited.</summary>
    public static WebApplication UseSaasTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxySettings>().Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}

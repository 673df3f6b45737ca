using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Saas.Platform.Antibot;

/// <summary>Configuration section <c>ClientLimits</c>: how many public writes one client may send to one authority per window.</summary>
public sealed class ClientLimitOptions
{
    public const string Section = "ClientLimits";

    /// <summary>Writes (and challenges fetched) per client and authority in one window; a counselling centre behind one address needs room.</summary>
    public int PermitsPerWindow { get; set; } = 60;

    public int WindowMinutes { get; set; } = 10;
}

/// <summary>
/// The limit per client (docs/adr/0036): public writes that bots abuse (holding and confirming appointments, the ALTCHA
/// challenge) count against the client's address, IPv6 by its /64 network (one household's devices), per authority,
/// in a fixed window; reads (pages, free slots) do not count. Over the limit the client gets 429 with
/// <c>Retry-After</c> and a problem in its language. The count lives in each replica's memory: with N replicas a
/// client gets at most N times the limit, which the ingress may narrow further.
/// </summary>
public static class ClientLimits
{
    /// <summary>The policy name for <c>RequireRateLimiting</c> and <c>[EnableRateLimiting]</c>.</summary>
    public const string Policy = "per-client";

    /// <summary>Endpoint metadata: this read counts too (a challenge costs the server a key derivation).</summary>
    public static readonly object CountReads = new();

    internal static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClientLimitOptions>().Bind(configuration.GetSection(ClientLimitOptions.Section))
            .Validate(o => o.PermitsPerWindow >= 1 && o.WindowMinutes >= 1, "ClientLimits:PermitsPerWindow and ClientLimits:WindowMinutes must be at least 1.").ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
                if (read && context.GetEndpoint()?.Metadata.Contains(CountReads) != true)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<ClientLimitOptions>>().Value;
                var key = $"{context.GetTenant()?.Id:N}|{ClientKey(context.Connection.RemoteIpAddress)}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = TimeSpan.FromMinutes(limits.WindowMinutes),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                var http = rejected.HttpContext;
                var limits = http.RequestServices.GetRequiredService<IOptions<ClientLimitOptions>>().Value;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(limits.WindowMinutes);
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "too-many-requests-client",
                    LocalizedText.Of("problem.too-many-requests-client", ("minutes", minutes)), null);
            };
        });
    }

    /// <summary>The client a request counts for: its IPv4 address, or the /64 network of its IPv6 address.</summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

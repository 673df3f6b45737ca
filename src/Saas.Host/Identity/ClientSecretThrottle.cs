using System.Globalization;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Saas.Host.Identity;

/// <summary>
/// Throttles client secrets at the token endpoint (device clients' client credentials, hardening item 4): a client
/// whose secret was wrong <see cref="SignInSettings.MaxFailuresPerClient"/> times, or an address with too many
/// failed sign-ins, is answered 429 with <c>Retry-After</c> (an RFC 9457 problem) before OpenIddict checks the secret.
/// </summary>
internal sealed class RefuseThrottledClient(SignInThrottle throttle) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    /// <summary>First of the token request's validation, before OpenIddict authenticates the client.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<RefuseThrottledClient>()
        .SetOrder(int.MinValue + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Request.ClientSecret) || context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
        {
            return;
        }

        var keys = new[] { throttle.Client(context.Request.ClientId ?? ""), throttle.Address(http) };
        if (await throttle.BlockedUntilAsync(keys, http.RequestAborted) is not { } until)
        {
            return;
        }

        var seconds = throttle.SecondsUntil(until);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, SignInProblems.Throttled,
            SignInProblems.ThrottledTitle(seconds), null);
        context.HandleRequest();
    }
}

/// <summary>Counts a refused client secret (<c>invalid_client</c>) against the client and the address.</summary>
internal sealed class CountRefusedClientSecret(SignInThrottle throttle) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseScopedHandler<CountRefusedClientSecret>()
        .SetOrder(int.MinValue + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Transaction.Request;
        if (context.Error != Errors.InvalidClient || string.IsNullOrEmpty(request?.ClientSecret) || context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
        {
            return;
        }

        await throttle.RecordFailureAsync([throttle.Client(request.ClientId ?? ""), throttle.Address(http)], http.RequestAborted);
    }
}

/// <summary>The sign-in's problems (titles <c>problem.{code}</c> in Texts/host.signin.texts.*.json).</summary>
internal static class SignInProblems
{
    public const string Throttled = "sign-in-throttled";

    /// <summary>"Too many failed sign-ins; try again in {count} minutes" (whole minutes, at least one).</summary>
    public static LocalizedText ThrottledTitle(int seconds) => Problem.Title(Throttled, ("count", Minutes(seconds)));

    public static int Minutes(int seconds) => Math.Max(1, (seconds + 59) / 60);
}

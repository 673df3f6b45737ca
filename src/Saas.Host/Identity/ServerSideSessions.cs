using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;

namespace Saas.Host.Identity;

/// <summary>
/// Web sessions kept in the database (<c>identity.sessions</c>, hardening item 4, docs/adr/0004). The session cookie
/// carries the session's id as the claim <see cref="ClaimType"/>; every request that brings the cookie looks the row
/// up (no cache: a logout on one replica ends the session on all of them with the next request), so a copied cookie
/// stops working when its session is revoked, has expired, or is unknown.
/// </summary>
internal sealed class SessionStore(AppDataSource db, IOptions<SignInSettings> options, TimeProvider clock)
{
    public const string ClaimType = "session_id";

    public async Task<Guid> CreateAsync(string? tenantKey, string subject, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO identity.sessions (id, tenant_key, subject, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)tenantKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = subject });
        insert.Parameters.Add(new NpgsqlParameter { Value = now });
        insert.Parameters.Add(new NpgsqlParameter { Value = now + options.Value.SessionIdle });
        batch.BatchCommands.Add(insert);
        if (Random.Shared.Next(100) == 0)
        {
            // Now and then, forget sessions that ended more than a day ago.
            var prune = new NpgsqlBatchCommand("DELETE FROM identity.sessions WHERE expires_at < $1");
            prune.Parameters.Add(new NpgsqlParameter { Value = now - TimeSpan.FromDays(1) });
            batch.BatchCommands.Add(prune);
        }

        await batch.ExecuteNonQueryAsync(ct);
        return id;
    }

    /// <summary>
    /// True when the session exists, is not revoked and has not expired. Its last use is written at most once per
    /// <see cref="SignInSettings.SessionTouchInterval"/>, which moves its idle expiry on.
    /// </summary>
    public async Task<bool> IsActiveAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        await using (var read = await db.CommandAsync("""
            SELECT revoked_at IS NULL AND expires_at > $2 AND created_at > $3, last_seen_at FROM identity.sessions WHERE id = $1
            """, ct))
        {
            read.With(id).With(now).With(now - settings.SessionMaxLifetime);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || !reader.GetBoolean(0))
            {
                return false;
            }

            if (reader.GetFieldValue<DateTimeOffset>(1) > now - settings.SessionTouchInterval)
            {
                return true;
            }
        }

        await using var touch = await db.CommandAsync("""
            UPDATE identity.sessions SET last_seen_at = $2, expires_at = least($3, created_at + $4)
            WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2
            """, ct);
        touch.With(id).With(now).With(now + settings.SessionIdle).With(settings.SessionMaxLifetime);
        // A logout that came in between wins: then nothing is touched and the session is over.
        return await touch.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Ends the session; returns the OpenIddict authorizations issued from it, to be revoked as well.</summary>
    public async Task<IReadOnlyList<string>> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = await db.CommandAsync("""
            UPDATE identity.sessions SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING authorization_ids
            """, ct);
        cmd.With(id).With(clock.GetUtcNow());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetFieldValue<string[]>(0) : [];
    }

    /// <summary>Ties an authorization (code flow) to the session it was issued from.</summary>
    public async Task AttachAuthorizationAsync(Guid id, string authorizationId, CancellationToken ct = default)
    {
        await using var cmd = await db.CommandAsync("UPDATE identity.sessions SET authorization_ids = array_append(authorization_ids, $2) WHERE id = $1", ct);
        cmd.With(id).With(authorizationId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// False when the OpenIddict authorization an access token names (<c>oi_au_id</c>) is no longer valid: its session
    /// ended. The API asks for every embedded access token issued through the code flow (one primary-key read).
    /// </summary>
    public async Task<bool> AuthorizationIsValidAsync(string authorizationId, CancellationToken ct = default)
    {
        await using var cmd = await db.CommandAsync("""SELECT status FROM identity."OpenIddictAuthorizations" WHERE id = $1""", ct);
        cmd.With(authorizationId);
        return await cmd.ExecuteScalarAsync(ct) as string == OpenIddictConstants.Statuses.Valid;
    }

    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(ClaimType)?.Value, out var id) ? id : null;
}

/// <summary>
/// The session cookie's events: a sign-in creates the server-side session (and ends one the browser still had), every
/// request checks it, a sign-out revokes it together with the tokens issued from it (embedded provider).
/// </summary>
internal sealed class SessionCookieEvents(SessionStore sessions, IServiceProvider services) : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        foreach (var stale in identity.FindAll(SessionStore.ClaimType).ToList())
        {
            identity.RemoveClaim(stale);
        }

        if (SessionStore.IdOf(context.HttpContext.User) is { } previous)
        {
            // Signing in again in the same browser: the session it had ends (its cookie is replaced anyway).
            await RevokeAsync(previous, context.HttpContext.RequestAborted);
        }

        var tenant = identity.FindFirst("session_tenant")?.Value ?? identity.FindFirst(SaasClaims.Tenant)?.Value;
        var subject = identity.FindFirst(SaasClaims.Subject)?.Value ?? identity.Name ?? "unknown";
        var id = await sessions.CreateAsync(string.IsNullOrEmpty(tenant) ? null : tenant, subject, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionStore.ClaimType, id.ToString("D")));
        await base.SigningIn(context);
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SessionStore.IdOf(context.Principal) is not { } id || !await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            // Revoked, expired, unknown, or a cookie from before server-side sessions: not signed in, cookie removed.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        await base.ValidatePrincipal(context);
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SessionStore.IdOf(context.HttpContext.User) is { } id)
        {
            await RevokeAsync(id, context.HttpContext.RequestAborted);
        }

        await base.SigningOut(context);
    }

    private async Task RevokeAsync(Guid id, CancellationToken ct)
    {
        var authorizationIds = await sessions.RevokeAsync(id, ct);
        if (authorizationIds.Count == 0 || services.GetService<IOpenIddictAuthorizationManager>() is not { } authorizations)
        {
            return;
        }

        // The code flow's authorizations of this session, and with them its refresh tokens and unredeemed codes.
        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        foreach (var authorizationId in authorizationIds)
        {
            if (await authorizations.FindByIdAsync(authorizationId, ct) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, ct);
            }

            await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        }
    }
}

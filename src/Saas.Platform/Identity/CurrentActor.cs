namespace Saas.Platform.Identity;

/// <summary>
/// Who is acting: the signed-in person (their subject), or a job (<c>system:&lt;job&gt;</c>) where there is no
/// request. Use cases take it injected instead of an "actor" parameter (docs/adr/0012).
/// </summary>
public interface ICurrentActor
{
    /// <summary>The subject of the sign-in, or <c>system:&lt;job&gt;</c>, or <c>anonymous</c>.</summary>
    string Id { get; }

    /// <summary>The names that identify the person in configuration (subject and, with Keycloak, preferred_username).</summary>
    IReadOnlyList<string> Identities { get; }

    bool IsAuthenticated { get; }

    /// <summary>Whether the signed-in person holds the role (a job holds only <see cref="SystemRole"/>).</summary>
    bool HasRole(string role);

    /// <summary>The role a job acts in (a deadline that expires, a campaign): processes name it for automatic steps.</summary>
    const string SystemRole = "system";

    /// <summary>Acts as a job for the rest of the flow (background work, the CLI).</summary>
    IDisposable BeginJob(string job);
}

internal sealed class CurrentActor(IHttpContextAccessor http) : ICurrentActor
{
    private static readonly AsyncLocal<string?> Job = new();

    public string Id => Job.Value ?? http.HttpContext?.User.FindFirst(SaasClaims.Subject)?.Value ?? "anonymous";

    public bool IsAuthenticated => Job.Value is null && http.HttpContext?.User.Identity?.IsAuthenticated == true;

    public bool HasRole(string role) => Job.Value is not null
        ? role == ICurrentActor.SystemRole
        : http.HttpContext?.User.HasClaim(SaasClaims.Role, role) == true;

    public IReadOnlyList<string> Identities
    {
        get
        {
            if (Job.Value is { } job)
            {
                return [job];
            }

            var user = http.HttpContext?.User;
            return new[] { user?.FindFirst(SaasClaims.Subject)?.Value, user?.FindFirst(SaasClaims.Username)?.Value }
                .Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public IDisposable BeginJob(string job)
    {
        var previous = Job.Value;
        Job.Value = "system:" + job;
        return new Restore(() => Job.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

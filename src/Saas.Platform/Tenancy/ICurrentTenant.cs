namespace Saas.Platform.Tenancy;

/// <summary>
/// The tenant the current request or background job works for. It flows with the async call chain, so a job
/// can run <c>using (currentTenant.Begin(tenant)) { ... }</c> and every query inside sees only that tenant.
/// </summary>
public interface ICurrentTenant
{
    TenantInfo? Tenant { get; }

    Guid? Id => Tenant?.Id;

    /// <summary>Makes <paramref name="tenant"/> current until the returned scope is disposed.</summary>
    IDisposable Begin(TenantInfo tenant);

    /// <summary>Runs with no tenant at all (platform work); tenant-owned queries then return nothing.</summary>
    IDisposable BeginPlatformScope();
}

internal sealed class CurrentTenant : ICurrentTenant
{
    private static readonly AsyncLocal<TenantInfo?> Ambient = new();

    public TenantInfo? Tenant => Ambient.Value;

    public IDisposable Begin(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new Scope(tenant);
    }

    public IDisposable BeginPlatformScope() => new Scope(null);

    private sealed class Scope : IDisposable
    {
        private readonly TenantInfo? previous;
        private bool disposed;

        public Scope(TenantInfo? tenant)
        {
            previous = Ambient.Value;
            Ambient.Value = tenant;
        }

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Ambient.Value = previous;
        }
    }
}

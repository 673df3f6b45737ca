namespace Saas.Platform.Tenancy;

/// <summary>Thrown when code tries to write tenant-owned data without a tenant or for another tenant.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);

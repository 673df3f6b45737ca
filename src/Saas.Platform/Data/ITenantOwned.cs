namespace Saas.Platform.Data;

/// <summary>
/// Marks an entity that belongs to one tenant. Its table has a <c>tenant_id</c> column with FORCE ROW LEVEL
/// SECURITY (see <c>platform.enable_tenant_rls</c>); the DbContext filters and stamps it.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}

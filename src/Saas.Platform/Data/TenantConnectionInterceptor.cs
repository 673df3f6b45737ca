using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saas.Platform.Data;

/// <summary>Binds every connection an EF context opens to the current tenant.</summary>
internal sealed class TenantConnectionInterceptor(TenantSession session) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        session.Bind(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        session.BindAsync(connection, cancellationToken);
}

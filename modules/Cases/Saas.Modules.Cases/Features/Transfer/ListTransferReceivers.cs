namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>An authority a file can be handed over to.</summary>
internal sealed record TransferReceiver(string Key, string Name);

internal sealed record ListTransferReceiversRequest;

/// <summary>The other authorities of the platform that keep e-Akten, by name (the hand-over page's choice of receiver).</summary>
internal sealed class ListTransferReceivers(ITenantCatalog catalog, ICurrentTenant currentTenant)
{
    public async Task<IReadOnlyList<TransferReceiver>> ExecuteAsync(ListTransferReceiversRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var self = currentTenant.Tenant?.Id;
        return [.. (await catalog.ListAsync(ct))
            .Where(t => t.Id != self && t.IsModuleEnabled(CasesModule.ModuleName))
            .Select(t => new TransferReceiver(t.Key, t.Name))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture)];
    }
}

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>The authority's published call systems, one per location, read into values.</summary>
internal sealed class CallSystems(IMetadataStore store)
{
    public async Task<CallSystemDefinition> GetAsync(string location, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(s => s.Location == location) ?? throw AppointmentsProblems.CallSystemNotConfigured(location ?? "");

    public async Task<IReadOnlyList<CallSystemDefinition>> ListAsync(CancellationToken ct = default) =>
        [.. (await store.GetPublishedAsync(CallSystemKind.Name, ct)).Select(d => CallSystemDefinition.Read(d.Key, d.Spec)).OrderBy(s => s.Location, StringComparer.Ordinal)];
}

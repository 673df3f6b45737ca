namespace Saas.Modules.Appointments.Features.Definitions;

/// <summary>The authority's published appointment types, read into values.</summary>
internal sealed class AppointmentTypeCatalogue(IMetadataStore store)
{
    public async Task<AppointmentTypeDefinition?> FindAsync(string key, CancellationToken ct = default) =>
        await store.GetPublishedAsync(AppointmentTypeKind.Name, key, ct) is { } document ? AppointmentTypeDefinition.Read(document.Key, document.Spec) : null;

    public async Task<AppointmentTypeDefinition> GetAsync(string key, CancellationToken ct = default) =>
        await FindAsync(key, ct) ?? throw AppointmentsProblems.TypeNotFound(key);

    public async Task<IReadOnlyList<AppointmentTypeDefinition>> ListAsync(CancellationToken ct = default) =>
        [.. (await store.GetPublishedAsync(AppointmentTypeKind.Name, ct)).Select(d => AppointmentTypeDefinition.Read(d.Key, d.Spec)).OrderBy(t => t.Key, StringComparer.Ordinal)];
}

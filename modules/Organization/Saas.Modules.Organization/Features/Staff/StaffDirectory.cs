using Saas.Modules.Organization.Contracts;
using Saas.Modules.Organization.Features.SurnameRanges;

namespace Saas.Modules.Organization.Features.Staff;

/// <summary>
/// The published staff documents of the current authority, with their units resolved through the published unit
/// documents. A unit that is not published (any more) is left out rather than guessed; validation refuses such a
/// folder (<see cref="StaffReferences"/>).
/// </summary>
internal sealed class StaffDirectory(IMetadataStore store, IOrganizationDirectory organization) : IStaffDirectory
{
    public async Task<IReadOnlyList<StaffMember>> GetStaffAsync(CancellationToken ct = default)
    {
        var units = (await organization.GetUnitsAsync(ct)).ToDictionary(u => u.Key, StringComparer.Ordinal);
        return (await store.GetPublishedAsync(StaffKind.Name, ct))
            .Select(d => Member(d.Key, d.Spec, units))
            .OrderBy(m => m.UserName, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<StaffMember?> FindAsync(IEnumerable<string> identities, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var names = identities.ToHashSet(StringComparer.Ordinal);
        return (await GetStaffAsync(ct)).FirstOrDefault(m => names.Contains(m.UserName));
    }

    public async Task<bool> MaySignAsync(IEnumerable<string> identities, string legalBasis, CancellationToken ct = default) =>
        (await FindAsync(identities, ct))?.MaySign(legalBasis) ?? false;

    public async Task<IReadOnlyList<StaffMember>> FindResponsibleAsync(string surname, string? unitKey = null, CancellationToken ct = default)
    {
        var folded = SurnameKey.Fold(surname);
        if (folded.Length == 0)
        {
            return [];
        }

        return (await GetStaffAsync(ct))
            .Where(m => m.Stage == TrainingStage.Qualified
                        && m.SurnameRanges.Any(r => (unitKey is null || r.UnitKey == unitKey) && SurnameKey.Covers(SurnameKey.Fold(r.From), SurnameKey.Fold(r.To), folded)))
            .ToList();
    }

    public async Task<IReadOnlyList<StaffMember>> WithSpecialisationAsync(string specialisation, CancellationToken ct = default) =>
        (await GetStaffAsync(ct)).Where(m => m.Specialisations.Contains(specialisation, StringComparer.Ordinal)).ToList();

    private static StaffMember Member(string key, JsonNode spec, Dictionary<string, UnitInfo> units)
    {
        var ranges = (spec["surnameRanges"]?.AsArray() ?? [])
            .Select(r => (Unit: Text(r, "unit")!, From: Text(r, "from")!, To: Text(r, "to")!))
            .Where(r => units.ContainsKey(r.Unit))
            .Select(r => new StaffSurnameRange(r.Unit, units[r.Unit].Code, r.From, r.To))
            .ToList();
        return new StaffMember(
            key,
            Text(spec, "name"),
            Text(spec, "stage") == StaffKind.Trainee ? TrainingStage.Trainee : TrainingStage.Qualified,
            Strings(spec["units"]).Where(units.ContainsKey).Select(u => units[u]).ToList(),
            ranges,
            Strings(spec["specialisations"]),
            Strings(spec["signingAuthorities"]));
    }

    private static string? Text(JsonNode? node, string property) => node?[property]?.GetValue<string>();

    private static List<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}

using Saas.Modules.Organization.Contracts;
using Saas.Modules.Organization.Features.Holidays;
using Saas.Modules.Organization.Features.LegalPages;
using Saas.Modules.Organization.Features.Locations;
using Saas.Modules.Organization.Features.SurnameRanges;
using Saas.Modules.Organization.Features.Units;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Organization;

/// <summary>Reads the current authority's published organisation from its metadata documents.</summary>
internal sealed class OrganizationDirectory(IMetadataStore store, ICurrentTenant currentTenant) : IOrganizationDirectory
{
    public async Task<AuthorityProfile?> GetProfileAsync(CancellationToken ct = default)
    {
        var key = currentTenant.Tenant?.Key;
        if (key is null)
        {
            return null;
        }

        var document = await store.GetPublishedAsync(TenantKind.Name, key, ct);
        if (document is null)
        {
            return null;
        }

        var spec = document.Spec;
        return new AuthorityProfile(
            key,
            Text(spec, "name")!,
            Text(spec, "officialKey")!,
            Text(spec, "federalState")!,
            Text(spec, "department"),
            spec["address"] is JsonObject address ? Address(address) : null,
            Text(spec["contact"], "phone"),
            Text(spec["contact"], "email"),
            Text(spec["contact"], "website"));
    }

    public async Task<IReadOnlyList<LegalPage>> GetLegalPagesAsync(CancellationToken ct = default) =>
        [.. (await store.GetPublishedAsync(LegalPageKind.Name, ct))
            .Select(d => new LegalPage(d.Key, Text(d.Spec, "title")!, Text(d.Spec, "titleEn"), d.Spec["order"]?.GetValue<int>() ?? 50,
                DateOnly.ParseExact(Text(d.Spec, "updated")!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [.. (d.Spec["sections"]?.AsArray() ?? []).Select(s => new LegalSection(Text(s, "heading")!, Text(s, "headingEn"),
                    [.. (s?["paragraphs"]?.AsArray() ?? []).Select(p => new LegalParagraph(Text(p, "text")!, Text(p, "textEn")))]))]))
            .OrderBy(p => p.Order).ThenBy(p => p.Key, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<LocationInfo>> GetLocationsAsync(CancellationToken ct = default) =>
        (await store.GetPublishedAsync(LocationKind.Name, ct)).Select(d => Location(d.Key, d.Spec)).ToList();

    public async Task<LocationInfo?> GetLocationAsync(string key, CancellationToken ct = default)
    {
        var document = await store.GetPublishedAsync(LocationKind.Name, key, ct);
        return document is null ? null : Location(document.Key, document.Spec);
    }

    public LocationInfo? ReadLocation(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec["name"] is not JsonValue || spec["address"] is not JsonObject address
            || new[] { "street", "postalCode", "city" }.Any(p => address[p] is not JsonValue))
        {
            return null;
        }

        try
        {
            return Location(key, spec);
        }
        catch (InvalidOperationException)
        {
            return null; // a value of another type than the schema says (an invalid draft)
        }
    }

    public async Task<IReadOnlyList<UnitInfo>> GetUnitsAsync(CancellationToken ct = default) =>
        (await store.GetPublishedAsync(UnitKind.Name, ct))
        .Select(d => new UnitInfo(d.Key, Text(d.Spec, "code")!, Text(d.Spec, "name")!, Text(d.Spec, "nameEn"), Strings(d.Spec["responsibilities"])))
        .OrderBy(u => u.Code, StringComparer.Ordinal)
        .ToList();

    public async Task<IReadOnlyList<HolidayInfo>> GetHolidaysAsync(int year, CancellationToken ct = default)
    {
        var profile = await GetProfileAsync(ct);
        return profile is null
            ? []
            : PublicHolidays.For(profile.FederalState, year).Select(h => new HolidayInfo(h.Date, h.Name, h.NameEn, h.RegionalOnly)).ToList();
    }

    public async Task<IReadOnlyList<ResponsibleCaseworker>> FindResponsibleCaseworkersAsync(string surname, CancellationToken ct = default)
    {
        var folded = SurnameKey.Fold(surname);
        if (folded.Length == 0)
        {
            return [];
        }

        var found = new List<ResponsibleCaseworker>();
        foreach (var document in await store.GetPublishedAsync(SurnameRangesKind.Name, ct))
        {
            var range = (document.Spec["ranges"]?.AsArray() ?? [])
                .FirstOrDefault(r => SurnameKey.Covers(SurnameKey.Fold(Text(r, "from")!), SurnameKey.Fold(Text(r, "to")!), folded));
            if (range is not null)
            {
                found.Add(new ResponsibleCaseworker(Text(document.Spec, "unit")!, Text(range, "caseworker")!));
            }
        }

        return found.OrderBy(r => r.UnitCode, StringComparer.Ordinal).ToList();
    }

    public async Task<string?> FindResponsibleCaseworkerAsync(string unitCode, string surname, CancellationToken ct = default)
    {
        var folded = SurnameKey.Fold(surname);
        if (folded.Length == 0)
        {
            return null;
        }

        foreach (var document in await store.GetPublishedAsync(SurnameRangesKind.Name, ct))
        {
            if (Text(document.Spec, "unit") != unitCode)
            {
                continue;
            }

            foreach (var range in document.Spec["ranges"]?.AsArray() ?? [])
            {
                if (SurnameKey.Covers(SurnameKey.Fold(Text(range, "from")!), SurnameKey.Fold(Text(range, "to")!), folded))
                {
                    return Text(range, "caseworker");
                }
            }
        }

        return null;
    }

    private static LocationInfo Location(string key, JsonNode spec)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<string>>();
        if (spec["openingHours"] is JsonObject days)
        {
            foreach (var (day, ranges) in days)
            {
                var index = Array.IndexOf(LocationKind.Weekdays, day);
                hours[(DayOfWeek)((index + 1) % 7)] = Strings(ranges);
            }
        }

        var counters = (spec["counters"]?.AsArray() ?? [])
            .Select(c => new CounterInfo(Text(c, "key")!, Text(c, "name")!, Text(c, "kind")!))
            .ToList();
        return new LocationInfo(
            key,
            Text(spec, "name")!,
            Text(spec, "nameEn"),
            Address(spec["address"]!),
            hours,
            spec["appointmentOnly"]?.GetValue<bool>() ?? false,
            counters,
            Strings(spec["services"]),
            Text(spec, "accessibility"),
            Text(spec, "accessibilityEn"),
            Text(spec, "note"),
            Text(spec, "noteEn"));
    }

    private static AddressInfo Address(JsonNode address) =>
        new(Text(address, "street")!, Text(address, "postalCode")!, Text(address, "city")!);

    private static string? Text(JsonNode? node, string property) => node?[property]?.GetValue<string>();

    private static List<string> Strings(JsonNode? node) =>
        node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}

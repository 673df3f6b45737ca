using static Saas.Modules.Appointments.SpecValues;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// A location's call system (Aufrufanlage) as configuration (docs/adr/0037): its waiting zones with the counters that
/// call from each, the services a ticket can be for (the zone it waits in, the letter of its number, whether a walk-in
/// may draw one at the kiosk), the rule by which a counter calls the next person, and the check-in window around a
/// booked appointment.
/// </summary>
internal sealed record CallSystemDefinition(
    string Key,
    string Location,
    string Rule,
    int OnTimeMinutes,
    int EarlyCheckInMinutes,
    int LateCheckInMinutes,
    IReadOnlyList<CallZone> Zones,
    IReadOnlyList<CallService> Services)
{
    /// <summary>Booked appointments that are due are called first, by their time; then everybody by arrival.</summary>
    public const string AppointmentsFirst = "appointments-first";

    /// <summary>Everybody by the time they checked in.</summary>
    public const string ArrivalOrder = "arrival-order";

    public CallService? Service(string key) => Services.FirstOrDefault(s => s.Service == key);

    public CallZone? Zone(string key) => Zones.FirstOrDefault(z => z.Key == key);

    /// <summary>The services a counter calls: those waiting in the zones the counter belongs to.</summary>
    public IReadOnlyList<string> ServicesOf(string counter)
    {
        var zones = Zones.Where(z => z.Counters.Contains(counter)).Select(z => z.Key).ToHashSet(StringComparer.Ordinal);
        return [.. Services.Where(s => zones.Contains(s.Zone)).Select(s => s.Service)];
    }

    public static CallSystemDefinition Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var zones = (spec["zones"] as JsonArray ?? []).Select(z => new CallZone(
            Text(z?["key"]) ?? "", Text(z?["name"]) ?? "", Text(z?["nameEn"]),
            [.. (z?["counters"] as JsonArray ?? []).Select(c => Text(c) ?? "")])).ToList();
        var services = (spec["services"] as JsonArray ?? []).Select(s => new CallService(
            Text(s?["service"]) ?? "", Text(s?["name"]) ?? "", Text(s?["nameEn"]), Text(s?["zone"]) ?? "", Text(s?["prefix"]) ?? "",
            s?["walkIn"] is JsonValue walkIn && walkIn.TryGetValue<bool>(out var w) && w)).ToList();
        return new CallSystemDefinition(key, Text(spec["location"]) ?? key, Text(spec["rule"]) ?? AppointmentsFirst,
            Number(spec["onTimeMinutes"], 10), Number(spec["checkIn"]?["earlyMinutes"], 30), Number(spec["checkIn"]?["lateMinutes"], 15), zones, services);
    }
}

/// <summary>A waiting zone: the room or area whose display shows the calls of its counters.</summary>
internal sealed record CallZone(string Key, string Name, string? NameEn, IReadOnlyList<string> Counters)
{
    /// <summary>The configured name in the reader's language (German, or the English the authority wrote).</summary>
    public string Title => ConfiguredText.Name(Name, NameEn);
}

/// <summary>A service a ticket can be for: where it waits, the letter of its number, whether walk-ins may draw one.</summary>
internal sealed record CallService(string Service, string Name, string? NameEn, string Zone, string Prefix, bool WalkIn)
{
    /// <summary>The configured name in the reader's language (German, or the English the authority wrote).</summary>
    public string Title => ConfiguredText.Name(Name, NameEn);
}

namespace Saas.Modules.Organization.Contracts;

/// <summary>What other modules and the web shell may ask about the current authority's published organisation.</summary>
public interface IOrganizationDirectory
{
    Task<AuthorityProfile?> GetProfileAsync(CancellationToken ct = default);

    Task<IReadOnlyList<LocationInfo>> GetLocationsAsync(CancellationToken ct = default);

    Task<LocationInfo?> GetLocationAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// A location as the portal would show it from a spec that is not published (the admin studio's preview of a
    /// draft); null when the spec lacks what the portal needs (name, address) or has a value of the wrong type.
    /// </summary>
    LocationInfo? ReadLocation(string key, System.Text.Json.Nodes.JsonNode spec);

    Task<IReadOnlyList<UnitInfo>> GetUnitsAsync(CancellationToken ct = default);

    /// <summary>Statutory public holidays of the authority's federal state in a year.</summary>
    Task<IReadOnlyList<HolidayInfo>> GetHolidaysAsync(int year, CancellationToken ct = default);

    /// <summary>The caseworker responsible for a surname in a unit (Buchstabengruppe), if a range covers it.</summary>
    Task<string?> FindResponsibleCaseworkerAsync(string unitCode, string surname, CancellationToken ct = default);

    /// <summary>Every unit's caseworker responsible for a surname (incoming mail does not know its unit yet).</summary>
    Task<IReadOnlyList<ResponsibleCaseworker>> FindResponsibleCaseworkersAsync(string surname, CancellationToken ct = default);

    /// <summary>The authority's published legal pages (Impressum, privacy notice, accessibility statement, ...), in footer order.</summary>
    Task<IReadOnlyList<LegalPage>> GetLegalPagesAsync(CancellationToken ct = default);
}

/// <summary>A legal page of the authority's portal (the <c>legal-page</c> kind): German, with English where the authority wrote it.</summary>
public sealed record LegalPage(string Key, string Title, string? TitleEn, int Order, DateOnly Updated, IReadOnlyList<LegalSection> Sections);

public sealed record LegalSection(string Heading, string? HeadingEn, IReadOnlyList<LegalParagraph> Paragraphs);

public sealed record LegalParagraph(string Text, string? TextEn);

/// <summary>Who handles a surname in a unit, by the unit's surname ranges.</summary>
public sealed record ResponsibleCaseworker(string UnitCode, string Caseworker);

public sealed record AddressInfo(string Street, string PostalCode, string City);

public sealed record AuthorityProfile(
    string Key,
    string Name,
    string OfficialKey,
    string FederalState,
    string? Department,
    AddressInfo? Address,
    string? Phone,
    string? Email,
    string? Website);

public sealed record CounterInfo(string Key, string Name, string Kind);

public sealed record LocationInfo(
    string Key,
    string Name,
    string? NameEn,
    AddressInfo Address,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> OpeningHours,
    bool AppointmentOnly,
    IReadOnlyList<CounterInfo> Counters,
    IReadOnlyList<string> Services,
    string? Accessibility,
    string? AccessibilityEn,
    string? Note,
    string? NoteEn);

public sealed record UnitInfo(string Key, string Code, string Name, string? NameEn, IReadOnlyList<string> Responsibilities);

public sealed record HolidayInfo(DateOnly Date, string Name, string NameEn, bool RegionalOnly);

/// <summary>
/// The days a location's opening hours may name, in the order the portal shows them: Monday to Sunday. The location
/// schema accepts exactly these days and the portal shows every one that has hours, so an accepted Sunday is shown
/// (docs/adr/0018).
/// </summary>
public static class OpeningWeek
{
    public static IReadOnlyList<DayOfWeek> Days { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A day's name in configuration (<c>monday</c> … <c>sunday</c>).</summary>
    public static string Name(DayOfWeek day) => day.ToString().ToLowerInvariant();
}

namespace Saas.Modules.Organization.Contracts;

/// <summary>What other modules may ask the Organization module: the authority's published organisation.</summary>
public interface IOrganizationDirectory
{
    Task<AuthorityProfile?> GetProfileAsync(CancellationToken ct = default);

    Task<IReadOnlyList<LocationSummary>> GetLocationsAsync(CancellationToken ct = default);

    /// <summary>The caseworker responsible for a surname in a unit (Buchstabengruppe), if a range covers it.</summary>
    Task<string?> FindResponsibleCaseworkerAsync(string unit, string surname, CancellationToken ct = default);
}

public sealed record AuthorityProfile(string Name, string OfficialKey, string FederalState, string? Department);

public sealed record LocationSummary(string Key, string Name, string Street, string PostalCode, string City);

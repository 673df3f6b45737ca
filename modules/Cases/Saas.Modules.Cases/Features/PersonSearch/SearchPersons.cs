using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.PersonSearch;

/// <param name="Limit">At most this many, best first (1 to 100).</param>
/// <param name="Via">Where the search happened (<c>workbench</c>), for the audit record; null for the API.</param>
internal sealed record SearchPersonsRequest(string? Name, DateOnly? BirthDate, int Limit = 20, string? Via = null);

/// <summary>
/// Person search by a name as it was heard or written (<see cref="CaseFileDirectory"/>), at least two letters; the
/// search is recorded as a read of personal data (<c>person.search</c>), from the API and the workbench alike.
/// </summary>
internal sealed class SearchPersons(ICaseFileDirectory directory, IAuditTrail audit)
{
    public async Task<IReadOnlyList<CaseFileSummary>> ExecuteAsync(SearchPersonsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length < 2)
        {
            throw CasesProblems.NameTooShort();
        }

        await audit.RecordAsync(new AuditEntry("person.search", "casefile", null,
            request.Via is null ? "name search" : $"name search ({request.Via})", PersonalData: true), ct);
        return await directory.SearchPersonsAsync(request.Name, request.BirthDate, request.Limit, ct);
    }
}

using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.Inbox;

internal sealed record FindFilesForInboxItemRequest(Guid Id, string? Name, DateOnly? BirthDate);

/// <summary>
/// "Choose another file" by the person: a name (at least two letters, as heard or written) and, if known, the birth
/// date; the e-Akte's person search (<see cref="ICaseFileDirectory"/>) answers the files, best match first. A search
/// for a person is recorded (<c>person.search</c>, as the API's), naming the item it was made for.
/// </summary>
internal sealed class FindFilesForInboxItem(CasesDbContext db, ICaseFileDirectory directory, IAuditTrail audit)
{
    public const int Limit = 20;

    public async Task<IReadOnlyList<CaseFileSummary>> ExecuteAsync(FindFilesForInboxItemRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await ReadInboxItem.FindAsync(db, request.Id, ct);
        var name = request.Name?.Trim() ?? "";
        if (name.Length < 2)
        {
            throw CasesProblems.NameTooShort();
        }

        await audit.RecordAsync(new AuditEntry("person.search", "casefile", null, $"name search for inbox {item.Id}", PersonalData: true), ct);
        return await directory.SearchPersonsAsync(name, request.BirthDate, Limit, ct);
    }
}

using MimeKit;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>What an inbox item tells about the person a new file is for; empty fields when it tells nothing.</summary>
internal sealed record PersonPrefill(string? Surname, string? GivenNames, DateOnly? BirthDate);

/// <summary>
/// Person fields for a new file opened from an inbox item (Files/New?inboxItem=): the person of its best suggestion
/// (the duplicate warning then names that file), else the display name of a mail's sender. Reads the item through
/// <see cref="ReadInboxItem"/>, which records the read; the item is not changed.
/// </summary>
internal sealed class PrefillFromInboxItem(CasesDbContext db, ReadInboxItem read)
{
    public async Task<PersonPrefill> ExecuteAsync(Guid inboxItemId, CancellationToken ct)
    {
        var item = await read.ExecuteAsync(new ReadInboxItemRequest(inboxItemId, "new file"), ct);
        var best = JsonSerializer.Deserialize<List<AssignmentSuggestion>>(item.Suggestions, AssignmentSuggester.Json)?.FirstOrDefault();
        if (best is not null && await db.CaseFiles.AsNoTracking().Where(f => f.Id == best.FileId)
                .Select(f => new PersonPrefill(f.Surname, f.GivenNames, f.BirthDate)).SingleOrDefaultAsync(ct) is { } person)
        {
            return person;
        }

        if (item.MailFrom is { } from && MailboxAddress.TryParse(from, out var sender) && sender.Name is { Length: > 0 } name)
        {
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return words.Length == 1 ? new PersonPrefill(words[0], null, null) : new PersonPrefill(words[^1], string.Join(' ', words[..^1]), null);
        }

        return new PersonPrefill(null, null, null);
    }
}

using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.Inbox;
using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>
/// "Meine Arbeit": my open inbox items, files and open cases (<see cref="ListMyWork"/>), the inbox counts, recent scan
/// batches, document search and person search (<see cref="SearchPersons"/>, as the API's).
/// </summary>
internal sealed class IndexModel(CasesDbContext db, ListMyWork myWork, SearchPersons search, ICurrentActor actor) : WorkbenchPage
{
    public const int PersonsShown = 20;

    public InboxCounts OpenInbox { get; private set; } = new(0, 0, 0);

    /// <summary>Whether the person search found more than it shows.</summary>
    public bool MorePersons { get; private set; }

    public IReadOnlyList<ScanBatch> RecentBatches { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? BirthDate { get; set; }

    public IReadOnlyList<CaseFileSummary>? Persons { get; private set; }

    public MyWorkResult MyWork { get; private set; } = new([], 0, [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenInbox = await InboxList.CountsAsync(db, actor.Identities, ct);
        MyWork = await myWork.ExecuteAsync(ct);
        RecentBatches = await db.ScanBatches.AsNoTracking().OrderByDescending(b => b.ReceivedAt).Take(5).ToListAsync(ct);
        if (Name is null)
        {
            return;
        }

        try
        {
            // One more than shown says whether there are more: the search is ranked, so narrowing it (birth date) helps more than paging.
            var persons = await search.ExecuteAsync(new SearchPersonsRequest(Name, BirthDate, PersonsShown + 1, "workbench"), ct);
            MorePersons = persons.Count > PersonsShown;
            Persons = persons.Take(PersonsShown).ToList();
        }
        catch (SaasProblemException problem)
        {
            ShowError("person", problem);
        }
    }
}

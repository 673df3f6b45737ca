using Saas.Modules.Cases.Features.Ingest;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Inbox;

namespace Saas.Modules.Cases.Pages.Workbench;

/// <summary>"Meine Arbeit": open inbox items (mine, unassigned, all), recent scan batches, document search and person search.</summary>
internal sealed class IndexModel(CasesDbContext db, ICaseFileDirectory directory, IAuditTrail audit, ICurrentActor actor) : WorkbenchPage
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

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenInbox = await InboxList.CountsAsync(db, actor.Identities, ct);
        RecentBatches = await db.ScanBatches.AsNoTracking().OrderByDescending(b => b.ReceivedAt).Take(5).ToListAsync(ct);
        if (Name is null)
        {
            return;
        }

        if (Name.Trim().Length < 2)
        {
            ShowError("person", new SaasProblemException(StatusCodes.Status400BadRequest, "name-too-short",
                new LocalizedText("problem.name-too-short")));
            return;
        }

        // As the API's person search: the search is recorded as a read of personal data.
        await audit.RecordAsync(new AuditEntry("person.search", "casefile", null, "name search (workbench)", PersonalData: true), ct);
        // One more than shown says whether there are more: the search is ranked, so narrowing it (birth date) helps more than paging.
        var persons = await directory.SearchPersonsAsync(Name, BirthDate, PersonsShown + 1, ct);
        MorePersons = persons.Count > PersonsShown;
        Persons = persons.Take(PersonsShown).ToList();
    }
}

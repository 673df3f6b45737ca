using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>
/// Opens a person's file (as <c>POST /api/cases/files</c>, the same <see cref="CreateCaseFile"/>) and goes to it.
/// When the person probably has a file already, the page names those files and asks for "create anyway". Opened
/// from an inbox item (<c>?inboxItem=</c>), it prefills what the item tells and goes back to the item afterwards.
/// </summary>
internal sealed class NewModel(CreateCaseFile create, PrefillFromInboxItem prefill, NationalityList nationalities) : WorkbenchPage
{
    [BindProperty]
    public string? Surname { get; set; }

    [BindProperty]
    public string? GivenNames { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    [BindProperty]
    public List<string?> Nationalities { get; set; } = [];

    /// <summary>The field a refusal named (<c>nationalities</c>, …), marked next to it.</summary>
    public string? InvalidField { get; private set; }

    [BindProperty]
    public string? NameVariants { get; set; }

    [BindProperty]
    public string? FileNumber { get; set; }

    [BindProperty]
    public bool ConfirmDuplicate { get; set; }

    /// <summary>The inbox item the file is opened for; after creating, the page goes back to it.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? InboxItem { get; set; }

    /// <summary>The files of probably the same person, when the first try found some.</summary>
    public IReadOnlyList<CaseFileSummary> Duplicates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (InboxItem is { } item)
        {
            var person = await prefill.ExecuteAsync(item, ct);
            Surname = person.Surname;
            GivenNames = person.GivenNames;
            BirthDate = person.BirthDate;
        }
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        SubmitAsync("create", async () =>
        {
            CaseFile file;
            try
            {
                file = await create.ExecuteAsync(new CreateCaseFileRequest(FileNumber, Surname ?? "", GivenNames, BirthDate,
                    NationalityChoices.Chosen(Nationalities), List(NameVariants), null, ConfirmDuplicate), ct);
            }
            catch (SaasProblemException problem) when (problem.Code is "person-field-invalid" or "unknown-nationality")
            {
                InvalidField = problem.Detail;
                throw;
            }
            catch (ProbableDuplicateException duplicate)
            {
                Duplicates = duplicate.Candidates; // shown with the warning, and "create anyway" sends ConfirmDuplicate
                throw;
            }

            return InboxItem is { } item
                ? RedirectToPage("/Workbench/Inbox/Item", new { id = item, file = file.Id })
                : RedirectToPage("/Workbench/Files/File", new { id = file.Id });
        }, () => Task.CompletedTask);

    /// <summary>The nationality selects, with what was sent and the refusal marked.</summary>
    public NationalityChoices Choices() => NationalityChoices.For(nationalities, Nationalities, InvalidField == "nationalities");

    private static string[] List(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

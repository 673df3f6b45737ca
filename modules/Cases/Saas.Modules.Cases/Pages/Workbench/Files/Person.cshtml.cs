using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>Corrects a file's person data (the <see cref="ChangePersonData"/> use case, as <c>PUT /api/cases/files/{id}/person</c>).</summary>
internal sealed class PersonModel(ReadCaseFile read, ChangePersonData change, NationalityList nationalities) : WorkbenchPage
{
    public CaseFile CaseFile { get; private set; } = null!;

    public NationalityList List => nationalities;

    [BindProperty]
    public uint Version { get; set; }

    /// <summary>The field a refusal named (<c>centralRegisterNumber</c>, <c>nationalities</c>, …), marked next to it.</summary>
    public string? InvalidField { get; private set; }

    [BindProperty]
    public string? Surname { get; set; }

    [BindProperty]
    public string? GivenNames { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    [BindProperty]
    public string? CentralRegisterNumber { get; set; }

    [BindProperty]
    public string? NameVariants { get; set; }

    [BindProperty]
    public List<string?> Nationalities { get; set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Version = CaseFile.Version;
        Surname = CaseFile.Surname;
        GivenNames = CaseFile.GivenNames;
        BirthDate = CaseFile.BirthDate;
        CentralRegisterNumber = CaseFile.CentralRegisterNumber;
        NameVariants = string.Join(", ", CaseFile.NameVariants);
        Nationalities = [.. CaseFile.Nationalities];
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("person", async () =>
        {
            try
            {
                await change.ExecuteAsync(new ChangePersonDataRequest(id, Version, Surname ?? "", GivenNames, BirthDate,
                    NationalityChoices.Chosen(Nationalities), (NameVariants ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    CentralRegisterNumber), ct);
            }
            catch (SaasProblemException problem) when (problem.Code is "person-field-invalid" or "unknown-nationality")
            {
                InvalidField = problem.Detail;
                throw;
            }

            return RedirectToPage("/Workbench/Files/File", new { id });
        }, () => LoadAsync(id, ct));

    /// <summary>The nationality selects, with what was sent or stored and the refusal marked.</summary>
    public NationalityChoices Choices() => NationalityChoices.For(nationalities, Nationalities, InvalidField == "nationalities");

    private async Task LoadAsync(Guid id, CancellationToken ct) =>
        CaseFile = (await read.ExecuteAsync(new ReadCaseFileRequest(id, "workbench person"), ct)).File;
}

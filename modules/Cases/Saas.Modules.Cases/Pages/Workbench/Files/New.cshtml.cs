using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>Opens a person's file (as <c>POST /api/cases/files</c>) and goes to it.</summary>
internal sealed class NewModel(CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IAuditTrail audit, TimeProvider clock) : WorkbenchPage
{
    [BindProperty]
    public string? Surname { get; set; }

    [BindProperty]
    public string? GivenNames { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    [BindProperty]
    public string? Nationalities { get; set; }

    [BindProperty]
    public string? NameVariants { get; set; }

    [BindProperty]
    public string? FileNumber { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        SubmitAsync("create", async () =>
        {
            var file = await CaseFileEndpoints.CreateAsync(db, metadata, audit, new CreateCaseFileRequest(FileNumber, Surname ?? "", GivenNames, BirthDate,
                List(Nationalities, upper: true), List(NameVariants, upper: false), null), Actor, clock.GetUtcNow(), ct);
            return Redirect($"{Base}/workbench/files/{file.Id}");
        }, () => Task.CompletedTask);

    private static string[] List(string? text, bool upper) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => upper ? v.ToUpperInvariant() : v).ToArray();
}

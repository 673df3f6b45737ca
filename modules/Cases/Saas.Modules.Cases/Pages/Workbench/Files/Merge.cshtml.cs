using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;
using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Pages.Workbench.Files;

/// <summary>
/// "Akte zusammenführen": choose the file this one goes into (by file number or person search; the probable
/// duplicates are offered first), confirm, merge (<see cref="MergeCaseFiles"/>, as <c>POST /api/cases/files/{id}/merge</c>).
/// </summary>
internal sealed class MergeModel(ReadCaseFile read, ChooseMergeTarget choose, MergeCaseFiles merge) : WorkbenchPage
{
    public CaseFile CaseFile { get; private set; } = null!;

    /// <summary>The chosen file, on the confirmation step.</summary>
    public CaseFile? Target { get; private set; }

    public bool SamePerson { get; private set; }

    public IReadOnlyList<CaseFileSummary> Candidates { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? BirthDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TargetId { get; set; }

    [BindProperty]
    public uint SourceVersion { get; set; }

    [BindProperty]
    public uint TargetVersion { get; set; }

    [BindProperty]
    public bool ConfirmDifferentPersons { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Target is null && CaseFile.IsActive)
        {
            try
            {
                Candidates = await choose.ExecuteAsync(new ChooseMergeTargetRequest(id, Number, Name, BirthDate), ct);
            }
            catch (SaasProblemException problem)
            {
                ShowError("choose", problem);
                Response.StatusCode = problem.Status;
            }
        }
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        SubmitAsync("merge", async () =>
        {
            await merge.ExecuteAsync(new MergeCaseFilesRequest(id, TargetId ?? Guid.Empty, SourceVersion, TargetVersion, ConfirmDifferentPersons), ct);
            return RedirectToPage("/Workbench/Files/File", new { id = TargetId });
        }, () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        CaseFile = (await read.ExecuteAsync(new ReadCaseFileRequest(id, "workbench merge"), ct)).File;
        if (TargetId is { } target && target != id)
        {
            Target = (await read.ExecuteAsync(new ReadCaseFileRequest(target, "workbench merge"), ct)).File;
            SamePerson = ProbableDuplicates.SamePerson(CaseFile, Target);
        }
    }
}

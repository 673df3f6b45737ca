using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Studio.Features.Exchange;
using Saas.Platform.Tenancy;
using Saas.Platform.Web;

namespace Saas.Modules.Studio.Pages.Admin.Studio;

/// <summary>
/// The whole configuration out and in: the published documents as a zip of the files <c>saas tenants export</c> writes,
/// and the import of such a zip (from a test system, or another authority) as drafts, with the located errors of
/// every file (file, line, column) when anything is wrong, and nothing stored then.
/// </summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class ExchangeModel(ExportConfiguration export, ImportConfiguration import) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public string? ProblemTitle { get; private set; }

    public IReadOnlyList<MetadataError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var zip = new MemoryStream();
        await export.ExecuteAsync(zip, ct);
        zip.Position = 0;
        var tenant = HttpContext.GetTenant()?.Key ?? "configuration";
        return File(zip, "application/zip", $"{tenant}-configuration.zip");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? archive, CancellationToken ct)
    {
        if (archive is null || archive.Length == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ProblemTitle = L.T("studio.exchange.no-file");
            return Page();
        }

        try
        {
            await using var stream = archive.OpenReadStream();
            var count = await import.ExecuteAsync(stream, ct);
            Message = L.T("studio.exchange.imported", ("count", count));
            return RedirectToPage("/Admin/Studio/Index");
        }
        catch (SaasProblemException problem)
        {
            Response.StatusCode = problem.Status;
            ProblemTitle = L.T(problem.Title);
            Errors = problem is StudioDocumentProblem located ? located.Located : [];
            return Page();
        }
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Workflows.Features.Diagram;

namespace Saas.Modules.Workflows.Pages.Admin.Processes;

/// <summary>
/// A process version in the admin area (docs/adr/0025): the diagram drawn by bpmn-js from the same BPMN file the
/// download gives, beside it its states and steps as tables (the page says everything without script), and the
/// versions published so far to pick from. Another authority's process is 404, as in the API.
/// </summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class ProcessModel(ReadProcessDiagram read, ExportProcessBpmn export) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public ProcessDiagramView View { get; private set; } = null!;

    /// <summary>The BPMN file of the version shown, from this page (the signed-in admin's session; the API takes bearer tokens only).</summary>
    public string BpmnUrl => Url.Page("/Admin/Processes/Process", "Bpmn", new { key = View.Key, version = View.Version })!;

    public async Task OnGetAsync(CancellationToken ct) => View = await read.ExecuteAsync(new ReadProcessDiagramRequest(Key, Version), ct);

    /// <summary>The file the API's <c>GET /api/workflows/processes/{key}/bpmn</c> gives, by the same use case.</summary>
    public async Task<IActionResult> OnGetBpmnAsync(CancellationToken ct)
    {
        var file = await export.ExecuteAsync(new ExportProcessBpmnRequest(Key, Version), ct);
        return File(file.Bytes(), BpmnFile.ContentType, file.FileName);
    }
}

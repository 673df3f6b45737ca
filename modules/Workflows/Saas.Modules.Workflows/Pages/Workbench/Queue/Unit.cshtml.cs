using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Pages.Workbench.Queue;

/// <summary>A unit's queue (<see cref="ReadUnitQueue"/>, as <c>GET /api/workflows/queues/units/{unit}</c>): every open task, complete cases first; claim by button.</summary>
internal sealed class UnitModel(ReadUnitQueue read, ClaimTask claim) : QueuePage
{
    [BindProperty(SupportsGet = true)]
    public string Unit { get; set; } = "";

    public UnitQueueView Queue { get; private set; } = new("", "", "", 0, 0, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
            return Page();
        }
        catch (SaasProblemException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
    }

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) => ClaimAsync(claim, id, () => LoadAsync(ct), ct);

    private async Task LoadAsync(CancellationToken ct) => Queue = await read.ExecuteAsync(new ReadUnitQueueRequest(Unit), ct);
}

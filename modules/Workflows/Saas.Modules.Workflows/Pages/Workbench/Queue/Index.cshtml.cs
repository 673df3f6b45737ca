using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Pages.Workbench.Queue;

/// <summary>
/// "Mein Arbeitskorb": what is assigned to me, what waits in my units for me (complete cases first), the co-signatures
/// I may give (<see cref="ReadMyQueue"/>, as <c>GET /api/workflows/queues/mine</c>); claim and give back by button.
/// </summary>
internal sealed class IndexModel(ReadMyQueue read, ClaimTask claim, ReleaseTask release, IStaffDirectory staff, ICurrentActor actor) : QueuePage
{
    public MyQueueView Queue { get; private set; } = new("", false, false, [], [], 0, [], 0, []);

    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) => ClaimAsync(claim, id, () => LoadAsync(ct), ct);

    public Task<IActionResult> OnPostReleaseAsync(Guid id, CancellationToken ct) => ReleaseAsync(release, id, () => LoadAsync(ct), ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Queue = await read.ExecuteAsync(new ReadMyQueueRequest(), ct);
        Units = (await staff.FindAsync(actor.Identities, ct))?.Units ?? [];
    }
}

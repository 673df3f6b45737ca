using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Pages.Workbench;

/// <summary>The team lead's backlog by unit and age (<see cref="ReadBacklog"/>, as <c>GET /api/workflows/queues/backlog</c>).</summary>
internal sealed class BacklogModel(ReadBacklog read) : QueuePage
{
    public BacklogView Backlog { get; private set; } = new(default, [], [], [], []);

    public async Task OnGetAsync(CancellationToken ct) => Backlog = await read.ExecuteAsync(new ReadBacklogRequest(), ct);
}

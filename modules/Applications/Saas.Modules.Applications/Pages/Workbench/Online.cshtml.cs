using Saas.Modules.Applications.Features.Intake;

namespace Saas.Modules.Applications.Pages.Workbench;

/// <summary><c>/workbench/online</c>: the authority's online applications, newest first, by intake status (as <c>GET /api/applications/intake</c>).</summary>
internal sealed class OnlineModel(ReadIntake read) : IntakePage
{
    public static IReadOnlyList<string> Statuses { get; } = ["received", "person-unclear", "failed", "filed"];

    public IReadOnlyList<IntakeItem> Items { get; private set; } = [];

    public string? Status { get; private set; }

    public async Task OnGetAsync(string? status, CancellationToken ct)
    {
        Status = status is not null && Statuses.Contains(status) ? status : null;
        Items = await read.ListAsync(Status, ct);
    }
}

using Saas.Modules.Workflows.Features.Definitions;

namespace Saas.Modules.Workflows.Features.Versions;

internal sealed record PlanMigrationRequest(string Process, int FromVersion);

/// <summary>Where running cases of the old version stand, and the state each would take in the published version (null: to be chosen).</summary>
internal sealed record MigrationStateView(string State, int Cases, string? Proposed);

internal sealed record MigrationPlan(string Process, int FromVersion, int ToVersion, IReadOnlyList<MigrationStateView> States, IReadOnlyList<string> TargetStates);

/// <summary>
/// What publishing a new version means for running cases: they keep the version they started with until an admin
/// moves them explicitly (<see cref="MigrateInstances"/>); this plan shows, per state of the old version, how many
/// cases stand there and proposes the new version's state of the same key.
/// </summary>
internal sealed class PlanMigration(WorkflowsDbContext db, ProcessCatalogue catalogue)
{
    public async Task<MigrationPlan> ExecuteAsync(PlanMigrationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = await catalogue.PublishedAsync(request.Process, ct) ?? throw WorkflowsProblems.ProcessNotFound(request.Process);
        if (request.FromVersion >= target.Version)
        {
            throw WorkflowsProblems.MigrationNotForward(request.FromVersion, target.Version);
        }

        _ = await catalogue.VersionAsync(request.Process, request.FromVersion, ct) ?? throw WorkflowsProblems.VersionNotFound(request.Process, request.FromVersion);
        var counts = await db.Instances.AsNoTracking()
            .Where(i => i.ProcessKey == request.Process && i.ProcessVersion == request.FromVersion && i.FinishedAt == null)
            .GroupBy(i => i.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new MigrationPlan(request.Process, request.FromVersion, target.Version,
            [.. counts.OrderBy(c => c.State, StringComparer.Ordinal).Select(c => new MigrationStateView(c.State, c.Count, target.Definition.State(c.State)?.Key))],
            [.. target.Definition.States.Select(s => s.Key)]);
    }
}

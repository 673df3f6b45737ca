using Saas.Modules.Workflows.Features.Deadlines;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Features.Versions;

/// <summary>Move running cases of <see cref="FromVersion"/> to the published version, each old state to the state <see cref="States"/> names.</summary>
internal sealed record MigrateInstancesRequest(string Process, int FromVersion, IReadOnlyDictionary<string, string>? States);

internal sealed record MigrateInstancesResult(string Process, int FromVersion, int ToVersion, int Moved);

/// <summary>
/// Moves running cases from an old version of a process to the published one, explicitly: every state in which such
/// cases stand must be mapped to a state of the new version (the same key is not assumed), or nothing moves. A moved
/// case keeps its tasks (under the new state's key), loses deadlines and a pending co-signature the new version does
/// not know, and its history says so (step <c>migration</c>); audited per case (<c>process.migrate</c>).
/// </summary>
internal sealed class MigrateInstances(WorkflowsDbContext db, ProcessCatalogue catalogue, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxCases = 10_000;

    public async Task<MigrateInstancesResult> ExecuteAsync(MigrateInstancesRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = await catalogue.PublishedAsync(request.Process, ct) ?? throw WorkflowsProblems.ProcessNotFound(request.Process);
        if (request.FromVersion >= target.Version)
        {
            throw WorkflowsProblems.MigrationNotForward(request.FromVersion, target.Version);
        }

        _ = await catalogue.VersionAsync(request.Process, request.FromVersion, ct) ?? throw WorkflowsProblems.VersionNotFound(request.Process, request.FromVersion);
        var mapping = request.States ?? new Dictionary<string, string>();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var running = await db.Instances
            .FromSql($"SELECT *, xmin FROM workflows.instances WHERE process_key = {request.Process} AND process_version = {request.FromVersion} AND finished_at IS NULL ORDER BY id LIMIT {MaxCases + 1} FOR UPDATE")
            .ToListAsync(ct);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var state in running.Select(i => i.State).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!mapping.TryGetValue(state, out var to))
            {
                fields[state] = [TextCatalog.Shared.Format(LocalizedText.Of("workflows.migration.unmapped", ("state", state), ("count", running.Count(i => i.State == state))))];
            }
            else if (target.Definition.State(to) is null)
            {
                fields[state] = [TextCatalog.Shared.Format(LocalizedText.Of("workflows.migration.unknown-target", ("state", to), ("version", target.Version)))];
            }
        }

        if (fields.Count > 0)
        {
            throw WorkflowsProblems.MigrationIncomplete(fields);
        }

        var now = clock.GetUtcNow();
        var ids = running.Take(MaxCases).Select(i => i.Id).ToList();
        var tasks = await db.Tasks.Where(t => ids.Contains(t.InstanceId) && t.Status == WorkTask.Open).ToListAsync(ct);
        var deadlines = await db.Deadlines.Where(d => ids.Contains(d.InstanceId) && d.Status == DeadlineRecord.Running).ToListAsync(ct);
        foreach (var instance in running.Take(MaxCases))
        {
            var from = instance.State;
            var to = target.Definition.State(mapping[from])!;
            foreach (var task in tasks.Where(t => t.InstanceId == instance.Id && t.State == from))
            {
                task.State = to.Key;
            }

            var dropped = new List<string>();
            foreach (var deadline in deadlines.Where(d => d.InstanceId == instance.Id && target.Definition.Deadline(d.Key) is null))
            {
                deadline.Status = DeadlineRecord.Cancelled;
                deadline.ClosedAt = now;
                dropped.Add(deadline.Key);
            }

            if (instance.PendingTransition is { } pending && target.Definition.Transition(pending) is null)
            {
                instance.PendingTransition = null;
                instance.PendingBy = null;
                instance.PendingInputs = null;
                dropped.Add(pending);
            }

            if (to.Key != from)
            {
                instance.State = to.Key;
                instance.StateEnteredAt = now;
            }

            instance.ProcessVersion = target.Version;
            db.Steps.Add(new ProcessStep
            {
                InstanceId = instance.Id, Kind = ProcessStep.Migration, FromState = from, ToState = to.Key, ProcessVersion = target.Version,
                Detail = new JsonObject { ["fromVersion"] = request.FromVersion, ["dropped"] = new JsonArray([.. dropped.Select(d => JsonValue.Create(d))]) }.ToJsonString(),
                At = now, By = actor.Id,
            });
            work.Record(new AuditEntry("process.migrate", "casefile", instance.CaseFileId.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{request.Process} v{request.FromVersion} {from} → v{target.Version} {to.Key}")));
        }

        await work.CommitAsync(() => WorkflowsProblems.ChangedMeanwhile(Guid.Empty), ct);
        return new MigrateInstancesResult(request.Process, request.FromVersion, target.Version, Math.Min(running.Count, MaxCases));
    }
}

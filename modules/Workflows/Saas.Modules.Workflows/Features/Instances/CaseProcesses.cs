using Saas.Modules.Workflows.Contracts;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>Workflows' side of <see cref="ICaseProcesses"/>: each call runs the caseworkers' use case.</summary>
internal sealed class CaseProcesses(WorkflowsDbContext db, StartProcess start, Definitions.ProcessCatalogue catalogue) : ICaseProcesses
{
    public async Task<CaseProcessSummary> StartAsync(Guid caseId, string process, string? legalBasis = null, CancellationToken ct = default)
    {
        await start.ExecuteAsync(new StartProcessRequest(caseId, process, legalBasis), ct);
        return (await FindByCaseAsync(caseId, ct))!;
    }

    public async Task<CaseProcessSummary?> FindByCaseAsync(Guid caseId, CancellationToken ct = default) =>
        await db.Instances.AsNoTracking().Where(i => i.CaseId == caseId)
            .Select(i => new CaseProcessSummary(i.Id, i.CaseId, i.CaseFileId, i.ProcessKey, i.ProcessVersion, i.State, i.FinishedAt != null))
            .SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ApplicantStatusEntry>> ApplicantTimelineAsync(Guid caseId, CancellationToken ct = default)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => new { i.Id, i.ProcessKey }).SingleOrDefaultAsync(ct);
        if (instance is null)
        {
            return [];
        }

        // The states a case entered: its start, every transition taken, a move to a newer version (a proposal for
        // co-signing has not taken effect yet).
        var entered = await db.Steps.AsNoTracking()
            .Where(s => s.InstanceId == instance.Id && s.ToState != null
                        && (s.Kind == ProcessStep.Start || s.Kind == ProcessStep.Transition || s.Kind == ProcessStep.Migration))
            .OrderBy(s => s.Seq).Select(s => new { s.ToState, s.ProcessVersion, s.At }).ToListAsync(ct);
        var versions = new Dictionary<int, Definitions.ProcessDefinition?>();
        var timeline = new List<ApplicantStatusEntry>();
        foreach (var step in entered)
        {
            if (!versions.TryGetValue(step.ProcessVersion, out var definition))
            {
                definition = (await catalogue.VersionAsync(instance.ProcessKey, step.ProcessVersion, ct))?.Definition;
                versions[step.ProcessVersion] = definition;
            }

            if (definition?.State(step.ToState!)?.ApplicantStatus is { } status && (timeline.Count == 0 || timeline[^1].Status != status))
            {
                timeline.Add(new ApplicantStatusEntry(status, step.At));
            }
        }

        return timeline;
    }

    public async Task<string?> CaseKindAsync(string process, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(process) || process.Length > 100 ? null : (await catalogue.PublishedAsync(process, ct))?.Definition.CaseKind;
}

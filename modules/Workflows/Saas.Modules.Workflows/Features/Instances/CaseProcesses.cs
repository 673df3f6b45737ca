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

    public async Task<string?> CaseKindAsync(string process, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(process) || process.Length > 100 ? null : (await catalogue.PublishedAsync(process, ct))?.Definition.CaseKind;
}

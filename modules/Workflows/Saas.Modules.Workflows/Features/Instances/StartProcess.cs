using Saas.Modules.Cases.Contracts;
using Saas.Modules.Workflows.Features.Definitions;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>Start the published version of a process for an open case; the legal basis is one the process serves.</summary>
internal sealed record StartProcessRequest(Guid CaseId, string Process, string? LegalBasis);

/// <summary>
/// Starts a case's process in the published version, which the case keeps until it ends or is moved on explicitly;
/// gives the initial state's tasks; audited (<c>process.start</c>). One process per case: a second start is a conflict
/// (decided by a unique index, also when two start at once).
/// </summary>
internal sealed class StartProcess(WorkflowsDbContext db, ProcessCatalogue catalogue, ICaseRecords cases, ProcessFacts facts, ProcessRunner runner,
    IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<Guid> ExecuteAsync(StartProcessRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = await catalogue.PublishedAsync(request.Process ?? "", ct) ?? throw WorkflowsProblems.ProcessNotFound(request.Process ?? "");
        var record = await cases.FindAsync(request.CaseId, ct) ?? throw WorkflowsProblems.CaseNotFound(request.CaseId);
        if (!record.IsOpen)
        {
            throw WorkflowsProblems.CaseClosed(record.Id);
        }

        if (record.Kind != process.Definition.CaseKind)
        {
            throw WorkflowsProblems.WrongCaseKind(process.Definition.Key, process.Definition.CaseKind, record.Kind);
        }

        var bases = process.Definition.LegalBases;
        var basis = request.LegalBasis ?? (bases.Count == 1 ? bases[0] : null);
        if (bases.Count > 0 && (basis is null || !bases.Contains(basis, StringComparer.Ordinal)))
        {
            throw WorkflowsProblems.LegalBasisRefused(basis);
        }

        if (await db.Instances.AnyAsync(i => i.CaseId == record.Id, ct))
        {
            throw WorkflowsProblems.AlreadyRunning(record.Id);
        }

        var now = clock.GetUtcNow();
        var instance = new ProcessInstance
        {
            CaseId = record.Id,
            CaseFileId = record.CaseFileId,
            ProcessKey = process.Definition.Key,
            ProcessVersion = process.Version,
            State = process.Definition.Initial,
            LegalBasis = basis,
            StartedAt = now,
            StartedBy = actor.Id,
            StateEnteredAt = now,
        };
        await using var work = await db.BeginWorkAsync(audit, ct);
        db.Instances.Add(instance);
        var known = await facts.ReadAsync(record.Id, record.CaseFileId, ct);
        var today = ProcessFacts.Today(clock);
        var values = ProcessFacts.Values(process, instance, known, []);
        runner.EnterState(process, instance, values, today);
        var done = await runner.StartAsync(process, instance, values, actor.Id, today, ct);
        // Steps are written once, never changed (the application may only insert them): this one after the start's actions ran.
        db.Steps.Add(new ProcessStep
        {
            InstanceId = instance.Id, Kind = ProcessStep.Start, ToState = instance.State, ProcessVersion = process.Version, At = now, By = actor.Id,
            Detail = new JsonObject { ["actions"] = new JsonArray([.. done.Select(d => JsonValue.Create(d))]) }.ToJsonString(),
        });

        work.Record(new AuditEntry("process.start", "casefile", record.CaseFileId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{process.Definition.Key} v{process.Version}: {record.Title}"), PersonalData: true));
        try
        {
            await work.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw WorkflowsProblems.AlreadyRunning(record.Id);
        }

        return instance.Id;
    }
}

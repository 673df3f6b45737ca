using Saas.Modules.Workflows.Features.Deadlines;
using Saas.Modules.Workflows.Features.Definitions;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>
/// Take a transition of a case's process. <see cref="Inputs"/> are the values of the transition's declared inputs
/// (JSON: ISO dates, numbers, texts); <see cref="ExpectedVersion"/> is the instance's row version as read, so a step
/// taken meanwhile by someone else is a conflict instead of a surprise.
/// </summary>
internal sealed record TakeTransitionRequest(Guid InstanceId, string Transition, JsonObject? Inputs = null, uint? ExpectedVersion = null);

/// <summary>What came of it: taken (the new state), or waiting for a second person's co-signature.</summary>
internal sealed record TakeTransitionResult(Guid InstanceId, string State, bool AwaitsCoSignature, IReadOnlyList<string> Actions);

/// <summary>
/// Takes a transition: the instance row is locked first, so of two caseworkers acting at once one wins and the other
/// gets <c>process-changed-meanwhile</c> or <c>process-transition-not-open</c> with nothing applied; the guard is
/// checked for the acting person (all reasons named when it fails); a co-signed step is proposed by one person and
/// takes effect when another, with signing authority, co-signs it. Audited (<c>process.transition</c>).
/// </summary>
internal sealed class TakeTransition(WorkflowsDbContext db, ProcessCatalogue catalogue, ProcessFacts facts, GuardCheck guards, ProcessRunner runner,
    IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<TakeTransitionResult> ExecuteAsync(TakeTransitionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var work = await db.BeginWorkAsync(audit, ct);
        var instance = await db.Instances.FromSql($"SELECT *, xmin FROM workflows.instances WHERE id = {request.InstanceId} FOR UPDATE").SingleOrDefaultAsync(ct)
            ?? throw WorkflowsProblems.InstanceNotFound(request.InstanceId);
        if (request.ExpectedVersion is { } expected && expected != instance.RowVersion)
        {
            throw WorkflowsProblems.ChangedMeanwhile(instance.Id);
        }

        if (instance.IsFinished)
        {
            throw WorkflowsProblems.Finished(instance.Id);
        }

        var process = await catalogue.VersionAsync(instance.ProcessKey, instance.ProcessVersion, ct)
            ?? throw WorkflowsProblems.VersionNotFound(instance.ProcessKey, instance.ProcessVersion);
        var transition = process.Definition.Transition(request.Transition ?? "") ?? throw WorkflowsProblems.UnknownTransition(request.Transition ?? "");
        if (!transition.From.Contains(instance.State, StringComparer.Ordinal))
        {
            throw WorkflowsProblems.TransitionNotOpen(transition.Key, instance.State);
        }

        if (transition.IsAutomatic && !actor.HasRole(ICurrentActor.SystemRole))
        {
            throw WorkflowsProblems.AutomaticOnly(transition.Key);
        }

        var coSigning = transition.Guard.CoSign && instance.PendingTransition == transition.Key;
        if (instance.PendingTransition is { } pending && pending != transition.Key)
        {
            throw WorkflowsProblems.CoSignPending(pending);
        }

        if (coSigning && actor.Identities.Contains(instance.PendingBy ?? "", StringComparer.Ordinal))
        {
            throw WorkflowsProblems.CoSignBySelf(transition.Key);
        }

        var inputs = coSigning ? JsonNode.Parse(instance.PendingInputs ?? "{}") as JsonObject ?? [] : Inputs(process, transition, request.Inputs);
        var known = await facts.ReadAsync(instance.CaseId, instance.CaseFileId, ct);
        var running = await db.Deadlines.Where(d => d.InstanceId == instance.Id && d.Status == DeadlineRecord.Running).ToListAsync(ct);
        var values = ProcessFacts.Values(process, instance, known, running, inputs);
        var today = ProcessFacts.Today(clock);
        // Proposing a co-signed step needs everything but the signing authority, which the co-signer brings.
        var signer = !transition.Guard.CoSign || coSigning;
        var parts = await guards.CheckAsync(process, transition, instance, values, known.DocumentTypes, today, signer, ct);
        if (parts.Where(p => !p.Holds).Select(p => TextCatalog.Shared.Format(p.Reason)).ToList() is { Count: > 0 } reasons)
        {
            throw WorkflowsProblems.GuardFailed(transition.Key, reasons);
        }

        var now = clock.GetUtcNow();
        if (transition.Guard.CoSign && !coSigning)
        {
            instance.PendingTransition = transition.Key;
            instance.PendingBy = actor.Id;
            instance.PendingInputs = inputs.ToJsonString();
            db.Steps.Add(new ProcessStep
            {
                InstanceId = instance.Id, Kind = ProcessStep.Proposal, TransitionKey = transition.Key, FromState = instance.State, ToState = transition.To,
                ProcessVersion = instance.ProcessVersion, Detail = new JsonObject { ["inputs"] = inputs.DeepClone() }.ToJsonString(), At = now, By = actor.Id,
            });
            work.Record(new AuditEntry("process.propose", "casefile", instance.CaseFileId.ToString(), $"{instance.ProcessKey}: {transition.Key}", PersonalData: true));
            await work.CommitAsync(() => WorkflowsProblems.ChangedMeanwhile(instance.Id), ct);
            return new TakeTransitionResult(instance.Id, instance.State, true, []);
        }

        var from = instance.State;
        var done = await runner.TakeAsync(process, transition, instance, values, inputs, actor.Id, today, ct);
        work.Record(new AuditEntry("process.transition", "casefile", instance.CaseFileId.ToString(),
            $"{instance.ProcessKey}: {transition.Key} ({from} → {instance.State})", PersonalData: true));
        await work.CommitAsync(() => WorkflowsProblems.ChangedMeanwhile(instance.Id), ct);
        return new TakeTransitionResult(instance.Id, instance.State, false, done);
    }

    /// <summary>The transition's inputs, each of its declared type; all are required, nothing else is taken.</summary>
    private static JsonObject Inputs(CompiledProcess process, ProcessTransition transition, JsonObject? given)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var inputs = new JsonObject();
        foreach (var (name, _) in given ?? [])
        {
            if (!transition.Inputs.Contains(name, StringComparer.Ordinal))
            {
                fields[name] = [TextCatalog.Shared.Format(LocalizedText.Of("workflows.input.unknown", ("name", name)))];
            }
        }

        foreach (var name in transition.Inputs)
        {
            var declaration = process.Schema.Variables.First(v => v.Name == name);
            var value = VariableValues.Normalise(declaration.Type, given?[name]);
            if (value is null)
            {
                var key = given?[name] is null ? "workflows.input.missing" : "workflows.input.wrong-type";
                fields[name] = [TextCatalog.Shared.Format(LocalizedText.Of(key, ("name", name), ("type", declaration.Type.ToString())))];
            }
            else
            {
                inputs[name] = value;
            }
        }

        return fields.Count > 0 ? throw WorkflowsProblems.InputsRefused(fields) : inputs;
    }
}

using System.Text.Json;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Workflows.Contracts;
using Saas.Modules.Workflows.Features.Deadlines;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>
/// What entering a state and taking a transition does, inside the caller's unit of work: the old state's tasks are
/// closed, the new state's tasks given, deadlines started and cancelled, letters, notices and events put into the
/// outbox, a decision's title recorded in the e-Akte, a final state's outcome closing the case's record.
/// </summary>
internal sealed class ProcessRunner(WorkflowsDbContext db, ICaseRecords cases, IResidenceDocuments residence, TimeProvider clock)
{
    /// <summary>Gives the tasks of the state the instance is in now.</summary>
    public void EnterState(CompiledProcess process, ProcessInstance instance, ExpressionValues values, DateOnly today)
    {
        var state = process.Definition.State(instance.State) ?? throw new InvalidOperationException($"State '{instance.State}' is not in {process.Definition.Key} v{process.Version}.");
        var now = clock.GetUtcNow();
        foreach (var task in state.Tasks)
        {
            DateOnly? due = process.At(task.Path + ".due") is { } after ? Evaluate(after, values, today, task.Path).AsDuration.AddTo(today) : null;
            var (unit, movedFrom) = instance.UnitFor(task.Unit ?? state.Unit);
            db.Tasks.Add(new WorkTask
            {
                InstanceId = instance.Id,
                CaseId = instance.CaseId,
                CaseFileId = instance.CaseFileId,
                Key = task.Key,
                State = state.Key,
                Unit = unit,
                MovedFromUnit = movedFrom,
                Specialisation = task.Specialisation,
                DueOn = due,
                CreatedAt = now,
            });
        }
    }

    /// <summary>Runs the process's start actions for a new instance (after <see cref="EnterState"/>); the caller commits.</summary>
    public async Task<IReadOnlyList<string>> StartAsync(CompiledProcess process, ProcessInstance instance, ExpressionValues values, string by, DateOnly today, CancellationToken ct)
    {
        var done = new List<string>();
        foreach (var action in process.Definition.StartActions)
        {
            done.Add(await RunAsync(process, action, instance, values, by, today, ct));
        }

        return done;
    }

    /// <summary>Moves the instance along the transition and runs its actions; the caller commits.</summary>
    public async Task<IReadOnlyList<string>> TakeAsync(CompiledProcess process, ProcessTransition transition, ProcessInstance instance,
        ExpressionValues values, JsonObject inputs, string by, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = instance.State;
        var target = process.Definition.State(transition.To)!;
        foreach (var task in await db.Tasks.Where(t => t.InstanceId == instance.Id && t.Status == WorkTask.Open && t.State == from && t.DeadlineKey == null).ToListAsync(ct))
        {
            task.Close(WorkTask.Done, by, now);
        }

        var data = instance.Variables();
        foreach (var (name, value) in inputs)
        {
            data[name] = value?.DeepClone();
        }

        instance.Data = data.ToJsonString();
        instance.MoveTo(target.Key, target.Final, now);
        var done = new List<string>();
        foreach (var action in transition.Actions)
        {
            done.Add(await RunAsync(process, action, instance, values, by, today, ct));
        }

        db.Steps.Add(new ProcessStep
        {
            InstanceId = instance.Id,
            Kind = ProcessStep.Transition,
            TransitionKey = transition.Key,
            FromState = from,
            ToState = target.Key,
            ProcessVersion = instance.ProcessVersion,
            Detail = new JsonObject { ["inputs"] = inputs.DeepClone(), ["actions"] = new JsonArray([.. done.Select(d => JsonValue.Create(d))]) }.ToJsonString(),
            At = now,
            By = by,
        });

        if (target.Final)
        {
            // Work that is left when the case ends (an escalation, another state's task): cancelled; what this step did stays done.
            foreach (var task in (await db.Tasks.Where(t => t.InstanceId == instance.Id && t.Status == WorkTask.Open).ToListAsync(ct)).Where(t => t.Status == WorkTask.Open))
            {
                task.Close(WorkTask.Cancelled, by, now);
            }

            foreach (var deadline in await db.Deadlines.Where(d => d.InstanceId == instance.Id && d.Status == DeadlineRecord.Running).ToListAsync(ct))
            {
                deadline.Status = DeadlineRecord.Cancelled;
                deadline.ClosedAt = now;
            }

            if (target.Outcome is { } outcome)
            {
                await cases.CloseAsync(instance.CaseId, outcome, ct);
            }
        }
        else
        {
            EnterState(process, instance, values, today);
        }

        return done;
    }

    private async Task<string> RunAsync(CompiledProcess process, ProcessAction action, ProcessInstance instance, ExpressionValues values, string by, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenant = db.CurrentTenantId;
        switch (action.Verb)
        {
            case ProcessAction.StartDeadline:
                var deadline = process.Definition.Deadline(action.Argument!)!;
                var end = process.At(deadline.Path + ".after") ?? process.At(deadline.Path + ".until")!;
                var computed = end.Evaluate(values, today);
                if (computed.Error is { } unknown)
                {
                    // A date the case does not have (no title yet for "until: title.validUntil"): the deadline does not start, and the step says why.
                    return $"{action.Verb}:{deadline.Key}:not-started:{TextCatalog.Shared.Format(unknown, CultureInfo.InvariantCulture)}";
                }

                var due = end.Type.Kind == TypeKind.Duration ? computed.Value.AsDuration.AddTo(today) : computed.Value.AsDate;
                // Started again while it runs: the running one is replaced (a unique index allows one running per key).
                foreach (var running in await db.Deadlines.Where(d => d.InstanceId == instance.Id && d.Key == deadline.Key && d.Status == DeadlineRecord.Running).ToListAsync(ct))
                {
                    running.Status = DeadlineRecord.Cancelled;
                    running.ClosedAt = now;
                }

                await db.SaveChangesAsync(ct);
                db.Deadlines.Add(new DeadlineRecord { InstanceId = instance.Id, Key = deadline.Key, StartedOn = today, DueOn = due });
                values.Set("deadlines." + deadline.Key, due);
                return $"{action.Verb}:{deadline.Key}:{due:yyyy-MM-dd}";
            case ProcessAction.CancelDeadline:
                foreach (var running in await db.Deadlines.Where(d => d.InstanceId == instance.Id && d.Key == action.Argument && d.Status == DeadlineRecord.Running).ToListAsync(ct))
                {
                    running.Status = DeadlineRecord.Cancelled;
                    running.ClosedAt = now;
                }

                // The reminders it raised are moot once the deadline is off.
                foreach (var task in await db.Tasks.Where(t => t.InstanceId == instance.Id && t.DeadlineKey == action.Argument && t.Status == WorkTask.Open).ToListAsync(ct))
                {
                    task.Close(WorkTask.Cancelled, by, now);
                }

                return $"{action.Verb}:{action.Argument}";
            case ProcessAction.Letter:
                var placeholders = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, _) in action.Values)
                {
                    var result = process.At($"{action.Path}.values.{name}")!.Evaluate(values, today);
                    if (result.Error is { } error)
                    {
                        throw WorkflowsProblems.ExpressionStopped($"{action.Path}.values.{name}", TextCatalog.Shared.Format(error));
                    }

                    placeholders[name] = JsonSerializer.Serialize(result.Boxed is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : result.Boxed);
                }

                db.AddIntegrationEvent(new ProcessLetterRequested(Guid.NewGuid(), tenant, now, instance.Id, instance.CaseId, instance.CaseFileId,
                    instance.ProcessKey, action.Argument!, placeholders));
                return $"{action.Verb}:{action.Argument}";
            case ProcessAction.Notify:
                db.AddIntegrationEvent(new ApplicantNotificationRequested(Guid.NewGuid(), tenant, now, instance.Id, instance.CaseId, instance.CaseFileId,
                    instance.ProcessKey, action.Argument!));
                return $"{action.Verb}:{action.Argument}";
            case ProcessAction.Emit:
                db.AddIntegrationEvent(new ProcessEventRaised(Guid.NewGuid(), tenant, now, instance.Id, instance.CaseId, instance.CaseFileId,
                    instance.ProcessKey, action.Argument!, instance.State));
                return $"{action.Verb}:{action.Argument}";
            case ProcessAction.OrderCard:
                var order = new CardOrder { InstanceId = instance.Id, CaseFileId = instance.CaseFileId, OrderedAt = now, OrderedBy = by };
                db.CardOrders.Add(order);
                db.AddIntegrationEvent(new ResidenceCardOrdered(Guid.NewGuid(), tenant, now, instance.Id, instance.CaseId, instance.CaseFileId, order.Id));
                return $"{action.Verb}:{order.Id}";
            case ProcessAction.Decision:
                if (action.Argument == "granted")
                {
                    var until = Evaluate(process.At(action.Path + ".validUntil")!, values, today, action.Path).AsDate;
                    var title = await residence.RecordTitleAsync(new NewResidenceTitle(instance.CaseFileId, instance.LegalBasis!, today, until, null,
                        action.Conditions, instance.CaseId), ct);
                    return $"{action.Verb}:{action.Argument}:{title.Id}";
                }

                return $"{action.Verb}:{action.Argument}";
            default:
                throw new InvalidOperationException($"Action '{action.Verb}' passed validation but has no runner.");
        }
    }

    private static ExpressionValue Evaluate(CompiledExpression expression, ExpressionValues values, DateOnly today, string path)
    {
        var result = expression.Evaluate(values, today);
        return result.Error is { } error ? throw WorkflowsProblems.ExpressionStopped(path, TextCatalog.Shared.Format(error)) : result.Value;
    }
}

/// <summary>A process said <c>letter</c>: produce the authority's letter into the case's file (placeholder values as JSON).</summary>
internal sealed record ProcessLetterRequested(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid InstanceId, Guid CaseId, Guid CaseFileId,
    string Process, string Letter, IReadOnlyDictionary<string, string> Values) : IIntegrationEvent;

using Microsoft.Extensions.Hosting;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;
using Saas.Modules.Workflows.Features.Tasks;

namespace Saas.Modules.Workflows.Features.Deadlines;

internal sealed record RunDeadlinesRequest;

/// <summary>What one run did: escalations raised, deadlines expired, automatic transitions taken, and those that could not be taken.</summary>
internal sealed record RunDeadlinesResult(int Escalated, int Expired, int Transitions, IReadOnlyList<string> Refused);

/// <summary>
/// Runs the authority's deadlines on the clock's today (Berlin): every escalation whose time has come gives its unit a
/// task (once); a deadline past its last day expires and, where the process says so, the platform takes the
/// expiry's transition as <c>system:deadlines</c> through the same use case a caseworker uses (guards included).
/// A transition that cannot be taken now (its guard closed, the case moved on) is named and the deadline still expires.
/// </summary>
internal sealed class RunDeadlines(WorkflowsDbContext db, ProcessCatalogue catalogue, TakeTransition take, IAuditTrail audit, ICurrentActor actor,
    TimeProvider clock, ILogger<RunDeadlines> logger)
{
    public const int Batch = 500;

    public async Task<RunDeadlinesResult> ExecuteAsync(RunDeadlinesRequest request, CancellationToken ct)
    {
        using var job = actor.BeginJob("deadlines");
        var today = ProcessFacts.Today(clock);
        var escalated = 0;
        var expired = 0;
        var transitions = 0;
        var refused = new List<string>();
        var running = await db.Deadlines.Where(d => d.Status == DeadlineRecord.Running && d.StartedOn <= today)
            .OrderBy(d => d.DueOn).Take(Batch).ToListAsync(ct);
        var instances = await db.Instances.AsNoTracking().Where(i => running.Select(d => d.InstanceId).Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        foreach (var deadline in running)
        {
            var instance = instances[deadline.InstanceId];
            var process = await catalogue.VersionAsync(instance.ProcessKey, instance.ProcessVersion, ct);
            var definition = process?.Definition.Deadline(deadline.Key);
            if (process is null || definition is null)
            {
                continue; // migrated to a version without this deadline: it ends with the migration
            }

            if (deadline.DueOn >= today)
            {
                escalated += await EscalateAsync(process, definition, deadline, instance, today, ct);
                continue;
            }

            // Expired: reminders of a deadline that is over are moot, and its open escalation tasks end with it.
            deadline.Status = DeadlineRecord.Expired;
            deadline.ClosedAt = clock.GetUtcNow();
            foreach (var task in await db.Tasks.Where(t => t.InstanceId == instance.Id && t.DeadlineKey == deadline.Key && t.Status == WorkTask.Open).ToListAsync(ct))
            {
                task.Close(WorkTask.Done, actor.Id, clock.GetUtcNow());
            }

            await db.SaveAuditedAsync(audit, new AuditEntry("process.deadline-expired", "casefile", instance.CaseFileId.ToString(),
                $"{instance.ProcessKey}: {deadline.Key} ({deadline.DueOn:yyyy-MM-dd})"), ct);
            expired++;
            if (definition.OnExpiry is { } expiry)
            {
                try
                {
                    await take.ExecuteAsync(new TakeTransitionRequest(instance.Id, expiry), ct);
                    transitions++;
                }
                catch (SaasProblemException problem)
                {
                    db.ChangeTracker.Clear();
                    refused.Add($"{instance.CaseId}: {expiry}: {problem.Code}");
                    logger.LogWarning("Deadline {Deadline} of case {Case} expired, but {Transition} could not be taken: {Code} {Detail}",
                        deadline.Key, instance.CaseId, expiry, problem.Code, problem.Detail);
                }
            }
        }

        return new RunDeadlinesResult(escalated, expired, transitions, refused);
    }

    private async Task<int> EscalateAsync(CompiledProcess process, ProcessDeadline definition, DeadlineRecord deadline, ProcessInstance instance, DateOnly today, CancellationToken ct)
    {
        var raised = 0;
        for (var i = deadline.Escalated; i < definition.Escalations.Count; i++)
        {
            var escalation = definition.Escalations[i];
            var after = process.At(escalation.Path + ".after")!.Evaluate(process.Schema.NewValues(), today);
            if (after.Error is not null || after.Value.AsDuration.AddTo(deadline.StartedOn) > today)
            {
                break;
            }

            var now = clock.GetUtcNow();
            var (unit, movedFrom) = instance.UnitFor(escalation.Unit);
            db.Tasks.Add(new WorkTask
            {
                InstanceId = instance.Id, CaseId = instance.CaseId, CaseFileId = instance.CaseFileId, Key = $"{deadline.Key}#{i}", State = instance.State,
                DeadlineKey = deadline.Key, Unit = unit, MovedFromUnit = movedFrom, DueOn = deadline.DueOn, CreatedAt = now,
            });
            db.Steps.Add(new ProcessStep
            {
                InstanceId = instance.Id, Kind = ProcessStep.Escalation, FromState = instance.State, ProcessVersion = instance.ProcessVersion,
                Detail = new JsonObject { ["deadline"] = deadline.Key, ["escalation"] = i, ["unit"] = escalation.Unit }.ToJsonString(), At = now, By = actor.Id,
            });
            deadline.Escalated = i + 1;
            raised++;
        }

        if (raised > 0)
        {
            await db.SaveAuditedAsync(audit, new AuditEntry("process.escalate", "casefile", instance.CaseFileId.ToString(), $"{instance.ProcessKey}: {deadline.Key}"), ct);
        }

        return raised;
    }
}

/// <summary>Runs every authority's deadlines once per interval (default hourly), for those with Workflows switched on.</summary>
internal sealed class DeadlineService(IServiceProvider services, ITenantCatalog tenants, ICurrentTenant currentTenant, IOptions<WorkflowsOptions> options,
    ILogger<DeadlineService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.DeadlineIntervalMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in (await tenants.ListAsync(stoppingToken)).Where(t => t.IsModuleEnabled(WorkflowsModule.ModuleName)))
            {
                using var scope = currentTenant.Begin(tenant);
                await using var tenantServices = services.CreateAsyncScope();
                try
                {
                    var result = await tenantServices.ServiceProvider.GetRequiredService<RunDeadlines>().ExecuteAsync(new RunDeadlinesRequest(), stoppingToken);
                    if (result.Escalated + result.Expired > 0)
                    {
                        logger.LogInformation("Deadlines of {Tenant}: {Escalated} escalations, {Expired} expired, {Transitions} transitions taken",
                            tenant.Key, result.Escalated, result.Expired, result.Transitions);
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or DbUpdateException)
                {
                    logger.LogError(ex, "Deadlines of {Tenant} failed", tenant.Key);
                }
            }
        }
    }
}

using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ReadMyQueueRequest(int? Limit = null);

/// <summary>A step proposed by someone else that waits for a second person's co-signature (four eyes), which the reader may give.</summary>
internal sealed record PendingCoSignature(Guid InstanceId, Guid CaseId, Guid CaseFileId, string FileNumber, string Person, string Process, string ProcessName,
    string State, string Transition, string TransitionName, string ProposedBy, string? LegalBasis);

/// <summary>
/// A caseworker's queue: what is assigned to them, what waits in their units for them to take, and the co-signatures
/// they may give. <see cref="Configured"/> is false for a person without a staff document (then only what is
/// assigned to them is theirs).
/// </summary>
internal sealed record MyQueueView(string User, bool Configured, bool Trainee, IReadOnlyList<string> Units, IReadOnlyList<QueueTask> Assigned, int AssignedTotal,
    IReadOnlyList<QueueTask> Available, int AvailableTotal, IReadOnlyList<PendingCoSignature> CoSignatures);

/// <summary>
/// Reads the signed-in caseworker's queue (docs/adr/0026): open tasks assigned to them; then the unassigned open tasks
/// of their units that are theirs by specialisation or surname range (<see cref="TaskQueue.IsFor"/>); each list in
/// the queue's order (complete cases first). Pending co-signatures are those proposed by someone else on a case
/// with an open task in the reader's units or in their hands, where the reader holds the signing authority the
/// step needs. Audited as a read of personal data (<c>tasks.queue-read</c>).
/// </summary>
internal sealed class ReadMyQueue(WorkflowsDbContext db, TaskQueue queue, ProcessCatalogue catalogue, IStaffDirectory staffDirectory, IAuditTrail audit,
    ICurrentActor actor)
{
    public async Task<MyQueueView> ExecuteAsync(ReadMyQueueRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = TaskQueue.Limit(request.Limit);
        var identities = actor.Identities.ToList();
        var staff = await staffDirectory.GetStaffAsync(ct);
        var me = staff.FirstOrDefault(s => identities.Contains(s.UserName, StringComparer.Ordinal));
        var units = me?.Units.Select(u => u.Key).ToList() ?? [];
        var candidates = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == WorkTask.Open && ((t.Assignee != null && identities.Contains(t.Assignee)) || (t.Assignee == null && t.Unit != null && units.Contains(t.Unit))))
            .OrderBy(t => t.CreatedAt).Take(TaskQueue.MaxCandidates).ToListAsync(ct);
        var persons = await queue.PersonsAsync(candidates, ct);
        var mine = candidates.Where(t => t.Assignee is not null).ToList();
        var available = me is null ? [] : candidates
            .Where(t => t.Assignee is null && TaskQueue.IsFor(me, t, persons.GetValueOrDefault(t.CaseFileId)?.Surname, staff)).ToList();
        var assignedView = await queue.ViewAsync(mine, persons, ct);
        var availableView = await queue.ViewAsync(available, persons, ct);
        var coSignatures = me is null ? [] : await CoSignaturesAsync(me, identities, units, ct);
        await audit.RecordAsync(new AuditEntry("tasks.queue-read", "queue", "mine",
            string.Create(CultureInfo.InvariantCulture, $"{mine.Count} assigned, {available.Count} available, {coSignatures.Count} co-signatures"), PersonalData: true), ct);
        return new MyQueueView(actor.Id, me is not null, me?.Stage == TrainingStage.Trainee, units, [.. assignedView.Take(limit)], mine.Count,
            [.. availableView.Take(limit)], available.Count, coSignatures);
    }

    private async Task<IReadOnlyList<PendingCoSignature>> CoSignaturesAsync(StaffMember me, List<string> identities, List<string> units, CancellationToken ct)
    {
        var pending = await db.Instances.AsNoTracking()
            .Where(i => i.PendingTransition != null && i.FinishedAt == null && (i.PendingBy == null || !identities.Contains(i.PendingBy)))
            .Where(i => db.Tasks.Any(t => t.InstanceId == i.Id && t.Status == WorkTask.Open
                && ((t.Unit != null && units.Contains(t.Unit)) || (t.Assignee != null && identities.Contains(t.Assignee)))))
            .OrderBy(i => i.StateEnteredAt).Take(TaskQueue.MaxLimit).ToListAsync(ct);
        var result = new List<PendingCoSignature>();
        var persons = await queue.PersonsAsync(pending.Select(i => new WorkTask { CaseFileId = i.CaseFileId }), ct);
        foreach (var instance in pending)
        {
            var process = await catalogue.VersionAsync(instance.ProcessKey, instance.ProcessVersion, ct);
            var transition = process?.Definition.Transition(instance.PendingTransition!);
            if (process is null || transition is null || (transition.Guard.Signing && (instance.LegalBasis is null || !me.MaySign(instance.LegalBasis))))
            {
                continue;
            }

            var person = persons.GetValueOrDefault(instance.CaseFileId);
            result.Add(new PendingCoSignature(instance.Id, instance.CaseId, instance.CaseFileId, person?.FileNumber ?? "",
                person is null ? "" : $"{person.Surname}, {person.GivenNames}".TrimEnd(' ', ','), instance.ProcessKey,
                Names.Of(process.Definition.Name, process.Definition.NameEn), instance.State, transition.Key, Names.Of(transition.Name, transition.NameEn),
                instance.PendingBy ?? "", instance.LegalBasis));
        }

        return result;
    }
}

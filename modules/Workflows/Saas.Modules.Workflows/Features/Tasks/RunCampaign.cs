using Saas.Modules.Cases.Contracts;
using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Tasks;

/// <summary>
/// A campaign: start <see cref="Process"/> for every open case of the process's case kind whose person's newest
/// residence title is under <see cref="TitleLegalBasis"/> and runs out between <see cref="ExpiringFrom"/> and
/// <see cref="ExpiringTo"/> (inclusive, at most a year apart) — the § 24 renewals. <see cref="LegalBasis"/> is the
/// legal basis the process runs under (default: the title's, where the process serves it). At most
/// <see cref="Limit"/> processes are started per call; the result says how many candidates remain.
/// </summary>
internal sealed record RunCampaignRequest(string Process, string TitleLegalBasis, DateOnly ExpiringFrom, DateOnly ExpiringTo, string? LegalBasis = null,
    int? Limit = null, string? Name = null);

/// <summary>A case the campaign did not start the process for, and why (a problem code, or <c>no-open-case</c> for a file without one).</summary>
internal sealed record CampaignRefusal(Guid CaseFileId, Guid? CaseId, string Reason);

/// <summary>
/// What a run did: files whose newest title matched, processes started, cases skipped because they already run a
/// process (re-running a campaign skips what it started), cases refused with the reason, candidates left for the
/// next call.
/// </summary>
internal sealed record RunCampaignResult(string Campaign, int Matched, int Started, int Skipped, IReadOnlyList<CampaignRefusal> Refused, int Remaining);

/// <summary>
/// Runs a campaign in batches (docs/adr/0026): selects through the e-Akte's contracts (expiring titles, each file's
/// newest title, the files' open cases), skips cases that already run a process, and starts the process for each
/// other case through <see cref="StartProcess"/> — the use case a caseworker's click runs, audited per case
/// (<c>process.start</c>), so what the process does on entering its first state (tasks, and the letters its
/// actions produce as the case moves on) happens as for any case. A case refused (its kind, a legal basis the
/// process does not serve, closed meanwhile) is named with the problem's code and the run goes on. The run itself
/// is audited (<c>process.campaign</c>) with its counts; each started instance is marked with the campaign's name.
/// </summary>
internal sealed class RunCampaign(WorkflowsDbContext db, ProcessCatalogue catalogue, IResidenceDocuments residence, ICaseRecords cases, StartProcess start,
    IAuditTrail audit, ICurrentActor actor, ILogger<RunCampaign> logger)
{
    public const int DefaultLimit = 500;

    public const int MaxLimit = 1_000;

    /// <summary>Files are read from the e-Akte in slices of this size.</summary>
    public const int Slice = 500;

    public const string NoOpenCase = "no-open-case";

    public async Task<RunCampaignResult> ExecuteAsync(RunCampaignRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw TasksProblems.LimitRefused(MaxLimit);
        }

        if (!LegalBases.IsResidenceTitle(request.TitleLegalBasis))
        {
            throw TasksProblems.CampaignBasisRefused(request.TitleLegalBasis);
        }

        var process = await catalogue.PublishedAsync(request.Process ?? "", ct) ?? throw WorkflowsProblems.ProcessNotFound(request.Process ?? "");
        var name = string.IsNullOrWhiteSpace(request.Name)
            ? string.Create(CultureInfo.InvariantCulture, $"{process.Definition.Key}:{request.TitleLegalBasis}:{request.ExpiringFrom:yyyy-MM-dd}..{request.ExpiringTo:yyyy-MM-dd}")
            : request.Name.Trim()[..Math.Min(request.Name.Trim().Length, 200)];
        var basis = request.LegalBasis
            ?? (process.Definition.LegalBases.Contains(request.TitleLegalBasis, StringComparer.Ordinal) ? request.TitleLegalBasis : null);

        // Titles under the basis that run out in the range (Cases refuses a range of more than a year), one per file.
        var expiring = (await residence.FindExpiringAsync(request.ExpiringFrom, request.ExpiringTo, ct))
            .Where(d => d.Kind == "residence-title" && d.What == request.TitleLegalBasis)
            .GroupBy(d => d.CaseFileId).Select(g => g.First()).OrderBy(d => d.ValidUntil).ThenBy(d => d.FileNumber, StringComparer.Ordinal).ToList();

        var matched = 0;
        var started = 0;
        var skipped = 0;
        var remaining = 0;
        var refused = new List<CampaignRefusal>();
        foreach (var slice in expiring.Chunk(Slice))
        {
            // The person's newest title must be the expiring one (a newer title under another basis takes them out).
            var files = new List<Guid>();
            foreach (var title in slice)
            {
                var documents = await residence.GetAsync(title.CaseFileId, ct);
                if (documents.Titles.FirstOrDefault()?.Id == title.Id)
                {
                    files.Add(title.CaseFileId);
                }
            }

            matched += files.Count;
            var open = (await cases.OpenCasesOfFilesAsync(files, ct)).Where(c => c.Kind == process.Definition.CaseKind).ToList();
            refused.AddRange(files.Where(f => !open.Any(c => c.CaseFileId == f)).Select(f => new CampaignRefusal(f, null, NoOpenCase)));
            var caseIds = open.Select(c => c.Id).ToList();
            var running = (await db.Instances.AsNoTracking().Where(i => caseIds.Contains(i.CaseId)).Select(i => i.CaseId).ToListAsync(ct)).ToHashSet();
            foreach (var record in open)
            {
                if (running.Contains(record.Id))
                {
                    skipped++;
                    continue;
                }

                if (started >= limit)
                {
                    remaining++;
                    continue;
                }

                try
                {
                    var instance = await start.ExecuteAsync(new StartProcessRequest(record.Id, process.Definition.Key, basis), ct);
                    await db.Database.ExecuteSqlAsync($"UPDATE workflows.instances SET campaign = {name} WHERE id = {instance}", ct);
                    db.ChangeTracker.Clear(); // a run starts hundreds: keep what this context tracks small
                    started++;
                }
                catch (SaasProblemException problem)
                {
                    db.ChangeTracker.Clear();
                    if (problem.Code == "process-already-running")
                    {
                        skipped++; // started meanwhile (another run of the campaign, or a caseworker)
                        continue;
                    }

                    refused.Add(new CampaignRefusal(record.CaseFileId, record.Id, problem.Code));
                }
            }
        }

        await audit.RecordAsync(new AuditEntry("process.campaign", "tenant", null, string.Create(CultureInfo.InvariantCulture,
            $"{name}: {matched} matched, {started} started, {skipped} skipped, {refused.Count} refused, {remaining} remaining")), ct);
        logger.LogInformation("Campaign {Campaign} by {Actor}: {Matched} matched, {Started} started, {Skipped} skipped, {Refused} refused, {Remaining} remaining",
            name, actor.Id, matched, started, skipped, refused.Count, remaining);
        return new RunCampaignResult(name, matched, started, skipped, refused, remaining);
    }
}

using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Tasks;

internal sealed record ReadBacklogRequest;

/// <summary>One unit's backlog: open tasks and the cases they belong to per age bucket (<see cref="ReadBacklog.Buckets"/>), unassigned tasks, the oldest case's start.</summary>
internal sealed record BacklogUnit(string? Unit, string Code, string Name, IReadOnlyList<int> Tasks, IReadOnlyList<int> Cases, int TotalTasks, int TotalCases,
    int Unassigned, DateOnly? OldestSince);

/// <summary>The team lead's view: the backlog of every unit with open tasks, by age, on <see cref="Today"/> (Berlin).</summary>
internal sealed record BacklogView(DateOnly Today, IReadOnlyList<string> Buckets, IReadOnlyList<BacklogUnit> Units, IReadOnlyList<int> Tasks, IReadOnlyList<int> Cases);

/// <summary>
/// The backlog by unit and age (docs/adr/0026): a case's age is the days since its process started (the application
/// was taken up), in buckets 0–30, 31–90, 91–180 and more than 180 days; counted are open tasks and the distinct
/// cases they belong to. Counts only, no person: not a read of personal data. Tasks of no unit are one row of their own.
/// </summary>
internal sealed class ReadBacklog(WorkflowsDbContext db, IOrganizationDirectory organization, TimeProvider clock)
{
    /// <summary>The buckets' upper bounds in days (inclusive); the last bucket is open-ended.</summary>
    public static IReadOnlyList<int> Bounds { get; } = [30, 90, 180];

    public static IReadOnlyList<string> Buckets { get; } = ["0-30", "31-90", "91-180", "181-plus"];

    internal sealed record Row(string? Unit, int Bucket, int Tasks, int Cases, int Unassigned, DateTimeOffset Oldest);

    public async Task<BacklogView> ExecuteAsync(ReadBacklogRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = ProcessFacts.Today(clock);
        var tenant = db.CurrentTenantId;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT t.unit AS "Unit",
                   CASE WHEN a.age <= {Bounds[0]} THEN 0 WHEN a.age <= {Bounds[1]} THEN 1 WHEN a.age <= {Bounds[2]} THEN 2 ELSE 3 END AS "Bucket",
                   count(*)::int AS "Tasks", count(DISTINCT t.case_id)::int AS "Cases",
                   count(*) FILTER (WHERE t.assignee IS NULL)::int AS "Unassigned", min(i.started_at) AS "Oldest"
            FROM workflows.tasks t
            JOIN workflows.instances i ON i.id = t.instance_id
            CROSS JOIN LATERAL (SELECT {today} - (i.started_at AT TIME ZONE 'Europe/Berlin')::date AS age) a
            WHERE t.tenant_id = {tenant} AND t.status = 'open'
            GROUP BY 1, 2
            """).ToListAsync(ct);
        var units = (await organization.GetUnitsAsync(ct)).ToDictionary(u => u.Key, StringComparer.Ordinal);
        var result = new List<BacklogUnit>();
        foreach (var group in rows.GroupBy(r => r.Unit).OrderBy(g => g.Key is null).ThenBy(g => g.Key is { } k && units.TryGetValue(k, out var u) ? u.Code : g.Key, StringComparer.Ordinal))
        {
            var tasks = new int[Buckets.Count];
            var cases = new int[Buckets.Count];
            foreach (var row in group)
            {
                tasks[row.Bucket] = row.Tasks;
                cases[row.Bucket] = row.Cases;
            }

            var info = group.Key is { } key ? units.GetValueOrDefault(key) : null;
            // A case has one age, so one bucket: the sum over buckets is the unit's distinct cases (a case with tasks in two units counts in each).
            result.Add(new BacklogUnit(group.Key, info?.Code ?? group.Key ?? "", info is null ? group.Key ?? "" : Names.Of(info.Name, info.NameEn), tasks, cases,
                tasks.Sum(), cases.Sum(), group.Sum(r => r.Unassigned), ProcessFacts.DateOf(group.Min(r => r.Oldest))));
        }

        return new BacklogView(today, Buckets, result,
            [.. Enumerable.Range(0, Buckets.Count).Select(b => result.Sum(u => u.Tasks[b]))],
            [.. Enumerable.Range(0, Buckets.Count).Select(b => result.Sum(u => u.Cases[b]))]);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Workflows.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Pages.Workbench;

/// <summary>A problem one of the page's forms ran into, in the reader's language: its title, its reasons, its fields' errors.</summary>
internal sealed record ProcessFormProblem(string Form, string Code, string Title, IReadOnlyList<string> Details, IReadOnlyDictionary<string, string[]> Fields);

/// <summary>
/// A case's process on the workbench (issue 12, item 8): where it stands, the transitions the caseworker may take now
/// with a form for their inputs, the closed ones with every reason, a co-signature that waits, tasks, deadlines, the
/// history and the letters produced. Without a process, a form starts one of the published processes for the case's
/// kind. Each form calls the use case the API calls (<see cref="TakeTransition"/>, <see cref="StartProcess"/>) and
/// redirects (post/redirect/get); a form carries the row version it was read with, so acting on a stale page is the
/// conflict <c>process-changed-meanwhile</c>, shown with the current state and what was typed kept. Reading is recorded
/// by <see cref="ReadCaseProcess"/> (process.read).
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal sealed class CaseProcessModel(ICaseRecords cases, ICaseProcesses processes, ReadCaseProcess read, ListProcesses list, ProcessCatalogue catalogue,
    TakeTransition take, StartProcess start, ICurrentActor actor) : PageModel
{
    public const string StartForm = "start";

    public CaseRecord Case { get; private set; } = null!;

    /// <summary>The case's process, or null when none runs for it yet.</summary>
    public CaseProcessView? Process { get; private set; }

    /// <summary>The published processes for the case's kind (what the start form offers).</summary>
    public IReadOnlyList<ProcessSummary> Startable { get; private set; } = [];

    public ProcessFormProblem? Problem { get; private set; }

    /// <summary>What the last form did (after its redirect), in the reader's language.</summary>
    public string? Message { get; private set; }

    /// <summary>The transition a form names (its hidden field).</summary>
    [BindProperty]
    public string? Transition { get; set; }

    /// <summary>The instance's row version as the form was read (<c>TakeTransitionRequest.ExpectedVersion</c>).</summary>
    [BindProperty]
    public uint? ExpectedVersion { get; set; }

    [BindProperty]
    public string? ProcessKey { get; set; }

    [BindProperty]
    public string? LegalBasis { get; set; }

    /// <summary>The inputs as they were posted, by name, so a form that failed shows what was typed.</summary>
    public IReadOnlyDictionary<string, string> Typed { get; private set; } = new Dictionary<string, string>();

    /// <summary>Whether the reader proposed the co-signature that waits (four eyes: someone else signs it).</summary>
    public bool IsProposer => Process?.PendingBy is { } by && actor.Identities.Contains(by, StringComparer.Ordinal);

    /// <summary>The proposal that waits for its co-signature: the last proposal step of the pending transition.</summary>
    public StepView? Proposal => Process?.PendingTransition is { } pending
        ? Process.Steps.LastOrDefault(s => s.Kind == ProcessStep.Proposal && s.Transition == pending)
        : null;

    public async Task OnGetAsync(Guid caseId, string? done, bool proposed, bool started, CancellationToken ct)
    {
        await LoadAsync(caseId, ct);
        if (Process is { } process)
        {
            var name = done is null ? null : process.TransitionNames.GetValueOrDefault(done, done);
            Message = (done, proposed, started) switch
            {
                (not null, true, _) => L("workflows.casepage.proposed", ("transition", name)),
                (not null, false, _) => L("workflows.casepage.taken", ("transition", name), ("state", process.StateName)),
                (null, _, true) => L("workflows.casepage.started", ("process", process.ProcessName), ("state", process.StateName)),
                _ => null,
            };
        }
    }

    /// <summary>A form without a handler (none of this page's): back to the page.</summary>
    public IActionResult OnPost(Guid caseId) => RedirectToPage("/Workbench/CaseProcess", new { caseId });

    public Task<IActionResult> OnPostTakeAsync(Guid caseId, CancellationToken ct) =>
        SubmitAsync(Transition ?? "", async () =>
        {
            var running = await processes.FindByCaseAsync(caseId, ct) ?? throw WorkflowsProblems.CaseNotFound(caseId);
            var compiled = await catalogue.VersionAsync(running.Process, running.Version, ct)
                ?? throw WorkflowsProblems.VersionNotFound(running.Process, running.Version);
            var transition = compiled.Definition.Transition(Transition ?? "") ?? throw WorkflowsProblems.UnknownTransition(Transition ?? "");
            var types = compiled.Schema.Variables.ToDictionary(v => v.Name, v => v.Type.ToString(), StringComparer.Ordinal);
            var inputs = ProcessForm.Inputs(transition.Inputs, types, Typed);
            var result = await take.ExecuteAsync(new TakeTransitionRequest(running.InstanceId, transition.Key, inputs, ExpectedVersion), ct);
            return RedirectToPage("/Workbench/CaseProcess", null, new { caseId, done = transition.Key, proposed = result.AwaitsCoSignature ? true : (bool?)null }, "process");
        }, () => LoadAsync(caseId, ct));

    public Task<IActionResult> OnPostStartAsync(Guid caseId, CancellationToken ct) =>
        SubmitAsync(StartForm, async () =>
        {
            await start.ExecuteAsync(new StartProcessRequest(caseId, ProcessKey ?? "", string.IsNullOrWhiteSpace(LegalBasis) ? null : LegalBasis), ct);
            return RedirectToPage("/Workbench/CaseProcess", null, new { caseId, started = true }, "process");
        }, () => LoadAsync(caseId, ct));

    /// <summary>The field errors of a form's input (the use case names them by input).</summary>
    public IReadOnlyList<string> FieldErrors(string form, string field) =>
        Problem is { } problem && problem.Form == form && problem.Fields.TryGetValue(field, out var errors) ? errors : [];

    public ProcessFormProblem? ProblemFor(string form) => Problem?.Form == form ? Problem : null;

    /// <summary>What an input field shows: what was typed into the form that failed, else nothing.</summary>
    public string TypedValue(string form, string input) => Problem?.Form == form ? Typed.GetValueOrDefault(input) ?? "" : "";

    public string DeadlineName(string key) => Process?.Deadlines.FirstOrDefault(d => d.Key == key)?.Name ?? key;

    public string StateName(string? key) => key is null ? "–" : Process?.StateNames.GetValueOrDefault(key) ?? key;

    public string TransitionName(string? key) => key is null ? "–" : Process?.TransitionNames.GetValueOrDefault(key) ?? key;

    private async Task<IActionResult> SubmitAsync(string form, Func<Task<IActionResult>> action, Func<Task> reload)
    {
        Typed = Request.HasFormContentType
            ? Request.Form.Where(f => f.Key.StartsWith(ProcessForm.Prefix, StringComparison.Ordinal))
                .ToDictionary(f => f.Key[ProcessForm.Prefix.Length..], f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();
        try
        {
            return await action();
        }
        catch (SaasProblemException problem)
        {
            var fields = (problem.Errors ?? new Dictionary<string, string[]>()).Where(e => e.Key != "guard").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var details = problem.Errors?.GetValueOrDefault("guard") is { } guard ? [.. guard]
                : fields.Count > 0 ? new List<string>()
                : problem.Detail is { Length: > 0 } detail && problem.Status != StatusCodes.Status409Conflict ? [detail] : [];
            Problem = new ProcessFormProblem(form, problem.Code, Saas.Platform.Web.L.T(problem.Title), details, fields);
            Response.StatusCode = problem.Status;
            await reload();
            return Page();
        }
    }

    private async Task LoadAsync(Guid caseId, CancellationToken ct)
    {
        Case = await cases.FindAsync(caseId, ct) ?? throw WorkflowsProblems.CaseNotFound(caseId);
        if (await processes.FindByCaseAsync(caseId, ct) is null)
        {
            Process = null;
            Startable = [.. (await list.ExecuteAsync(new ListProcessesRequest(), ct)).Where(p => p.CaseKind == Case.Kind)];
            return;
        }

        Process = await read.ExecuteAsync(new ReadCaseProcessRequest(caseId), ct);
    }

    private static string L(string key, params (string Name, object? Value)[] arguments) => Saas.Platform.Web.L.T(key, arguments);
}

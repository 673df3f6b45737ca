using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Studio.Features.Documents;
using Saas.Platform.Web;

namespace Saas.Modules.Studio.Pages.Admin.Studio;

/// <summary>
/// The editor of one document of any kind: the form made from its schema (or the kind's custom editor for a field), or
/// the YAML view; both save a draft that keeps its errors, shown at their fields. List buttons (add, remove, move)
/// post the form and get it back changed without saving. A save based on a version someone else replaced shows what
/// they changed and keeps what was typed. The page binds, calls the use cases the API calls, and redirects.
/// </summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
internal sealed class EditModel(OpenStudioDocument open, SaveStudioForm saveForm, SaveStudioDraft saveYaml, DiscardStudioDraft discard,
    PublishStudioDrafts publish, FormBinder binder, CustomEditors editors) : PageModel
{
    public const string YamlView = "yaml";

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>The key of a new document (the page without a key).</summary>
    [BindProperty]
    public string? NewKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty]
    public int? BasedOnVersion { get; set; }

    [BindProperty]
    public string? Yaml { get; set; }

    /// <summary>A list button of the form: <c>add:{list}</c>, <c>remove:{list}:{i}</c>, <c>up:…</c>, <c>down:…</c>, or <c>yaml</c> (switch view).</summary>
    [BindProperty]
    public string? Op { get; set; }

    /// <summary>After saving the YAML, open the form (the switch from YAML to the form).</summary>
    [BindProperty]
    public bool ThenForm { get; set; }

    [BindProperty]
    public int? DraftVersion { get; set; }

    [TempData]
    public string? Message { get; set; }

    public OpenedStudioDocument Opened { get; private set; } = null!;

    public EditorView? Editor { get; private set; }

    /// <summary>Every error of the document, for the summary above the editor (each also shown at its field).</summary>
    public List<(string Path, int? Line, int? Column, string Message)> Errors { get; } = [];

    public string? ProblemTitle { get; private set; }

    public string? Notice { get; private set; }

    public StudioConflictProblem? Conflict { get; private set; }

    public StudioDiff? ConflictDiff { get; private set; }

    public bool IsNew => Key is null;

    public string DocumentKey => Key ?? NewKey ?? "";

    public bool ShowsYaml => View == YamlView;

    public StudioKind StudioKind => Opened.Kind;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var current = Opened.Current;
        BasedOnVersion = Opened.BasedOnVersion;
        Errors.AddRange(Opened.Errors.Select(e => (e.Path, e.Line, e.Column, e.Message)));
        if (!ShowsYaml)
        {
            var state = FormFlattener.Flatten(StudioKind.Root, current?.Spec, editors);
            if (current is not null)
            {
                // A document the form cannot show as it is (a value of another type, a field the schema does not know)
                // is edited as YAML, so that nothing of it is lost.
                var bound = binder.Bind(StudioKind.Root, state, current.Spec);
                if (!bound.Ok || !SpecComparer.Equal(bound.Spec, current.Spec))
                {
                    View = YamlView;
                    Notice = L.T("studio.editor.form-cannot-show");
                }
            }

            ShowForm(state, []);
        }

        Yaml = current?.Yaml ?? $"kind: {Kind}\nkey: \nspec:\n";
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var problems = new List<FieldProblem>();
        var state = FormState.FromPost(Request.Form, problems);
        var key = DocumentKey;
        if (Op is { Length: > 0 } op && op != YamlView)
        {
            if (!Apply(op, state))
            {
                problems.Add(new FieldProblem("Op", "$", LocalizedText.Of("studio.binding.unknown-field", ("field", op))));
            }

            ShowForm(state, problems);
            return Page();
        }

        var request = new SaveStudioFormRequest(Kind, key, BasedOnVersion, state, problems);
        try
        {
            if (Op == YamlView)
            {
                Yaml = await saveForm.ToYamlAsync(request, ct);
                View = YamlView;
                return Page();
            }

            var draft = await saveForm.ExecuteAsync(request, ct);
            Message = Saved(draft);
            return RedirectToPage("/Admin/Studio/Edit", new { kind = draft.Document.Kind, key = draft.Document.Key });
        }
        catch (StudioConflictProblem conflict)
        {
            ShowConflict(conflict);
        }
        catch (SaasProblemException problem)
        {
            Show(problem);
        }

        // The binder's problems (the post's own among them) came with the refusal; what was typed is shown again.
        ShowForm(state, []);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveYamlAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        View = YamlView;
        try
        {
            var draft = await saveYaml.ExecuteAsync(new SaveStudioDraftRequest(Yaml ?? "", BasedOnVersion), ct);
            Message = Saved(draft);
            return RedirectToPage("/Admin/Studio/Edit", new { kind = draft.Document.Kind, key = draft.Document.Key, view = ThenForm ? null : YamlView });
        }
        catch (StudioConflictProblem conflict)
        {
            ShowConflict(conflict);
        }
        catch (SaasProblemException problem)
        {
            Show(problem);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        try
        {
            await discard.ExecuteAsync(new DiscardStudioDraftRequest(Kind, DocumentKey), ct);
            Message = L.T("studio.editor.discarded", ("document", $"{Kind}/{DocumentKey}"));
            return RedirectToPage("/Admin/Studio/Index");
        }
        catch (SaasProblemException problem)
        {
            await LoadAsync(ct);
            Show(problem);
            ShowForm(FormFlattener.Flatten(StudioKind.Root, Opened.Current?.Spec, editors), []);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        try
        {
            var count = await publish.ExecuteAsync(new PublishStudioDraftsRequest([new ChosenDraft(Kind, DocumentKey, DraftVersion ?? 0)]), ct);
            Message = L.T("studio.published", ("count", count));
            return RedirectToPage("/Admin/Studio/Edit", new { kind = Kind, key = DocumentKey });
        }
        catch (SaasProblemException problem)
        {
            await LoadAsync(ct);
            BasedOnVersion = Opened.BasedOnVersion;
            Show(problem);
            ShowForm(FormFlattener.Flatten(StudioKind.Root, Opened.Current?.Spec, editors), []);
            Yaml = Opened.Current?.Yaml;
            return Page();
        }
    }

    public static string Saved(MetadataDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.CanPublish
            ? L.T("studio.editor.saved", ("version", draft.Document.Version))
            : L.T("studio.editor.saved-with-errors", ("version", draft.Document.Version), ("count", draft.Errors.Count));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Opened = await open.ExecuteAsync(new OpenStudioDocumentRequest(Kind, Key ?? ""), ct);
        ViewData["Title"] = L.T("studio.editor.title", ("kind", L.T(FieldTexts.Kind(Kind))), ("key", DocumentKey));
    }

    private void ShowForm(FormState state, IReadOnlyList<FieldProblem> problems)
    {
        var errors = Errors.Select(e => (e.Path, e.Message))
            .Concat(problems.Select(p => (p.Path, TextCatalog.Shared.Format(p.Text))))
            .ToList();
        foreach (var problem in problems)
        {
            Errors.Add((problem.Path, null, null, TextCatalog.Shared.Format(problem.Text)));
        }

        Editor = new EditorView(Kind, StudioKind.Root, state, errors, Opened.ReferenceOptions, editors, Opened.Current?.Spec);
    }

    /// <summary>Applies a list button to the form's values; false for a list the schema does not have (a forged button).</summary>
    private bool Apply(string op, FormState state)
    {
        var parts = op.Split(':');
        if (parts.Length is < 2 or > 3 || SchemaPath.Find(StudioKind.Root, parts[1]) is not { Type: FieldType.Array or FieldType.Map })
        {
            return false;
        }

        var index = parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        switch (parts[0])
        {
            case "add" when parts.Length == 2:
                state.Add(parts[1]);
                return true;
            case "remove" when index >= 0:
                state.Remove(parts[1], index);
                return true;
            case "up" when index >= 0:
                state.Move(parts[1], index, -1);
                return true;
            case "down" when index >= 0:
                state.Move(parts[1], index, +1);
                return true;
            default:
                return false;
        }
    }

    private void ShowConflict(StudioConflictProblem conflict)
    {
        Response.StatusCode = conflict.Status;
        Conflict = conflict;
        var current = conflict.Conflict.Current;
        var opened = Opened.Entry is null ? null : new[] { Opened.Entry.Draft?.Document, Opened.Entry.Published }
            .FirstOrDefault(d => d?.Version == BasedOnVersion);
        ConflictDiff = DiffStudioDocument.Compare(StudioKind, current.Key, opened, current);
        // Saving again overwrites their version with what was typed here, knowingly.
        BasedOnVersion = current.Version;
    }

    private void Show(SaasProblemException problem)
    {
        Response.StatusCode = problem.Status;
        ProblemTitle = L.T(problem.Title);
        if (problem is StudioDocumentProblem located)
        {
            Errors.AddRange(located.Located.Select(e => (e.Path, e.Line, e.Column, e.Message)));
        }
        else if (problem.Errors is { } fields)
        {
            Errors.AddRange(fields.SelectMany(f => f.Value.Select(m => (f.Key, (int?)null, (int?)null, m))));
        }
        else if (problem.Detail is { Length: > 0 } detail)
        {
            Notice = detail;
        }
    }
}

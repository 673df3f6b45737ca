using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.Validation;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>
/// What a step's post changes in the answers (docs/adr/0035): the fields the step rendered — those visible by the
/// answers before the post — take the posted text (an empty one removes the answer, an unticked box is "false", a file
/// the evidence it was kept as); fields of other steps, hidden fields and names the step did not render are left as they
/// were. "Add another" and "remove" change a repeating group of this step within its minimum and maximum. A value
/// beyond the platform's bounds (<see cref="MaxTextLength"/> characters, <see cref="MaxChoices"/> choices) is refused: the field keeps its answer and the step shows the error.
/// </summary>
internal static class StepPost
{
    /// <summary>The longest text answer taken (or the field's own maximum, if larger): a form field, not a document.</summary>
    public const int MaxTextLength = 10_000;

    public const int MaxChoices = 200;

    /// <summary>
    /// Applies the post; returns the paths whose posted value was refused as out of bounds, and the files posted for
    /// the step's visible file fields, by path, for the caller to keep as evidence (their answer changes only once kept).
    /// </summary>
    public static (IReadOnlyList<string> Refused, IReadOnlyList<(string Path, IFormFile File)> Files) Apply(PortalForm form, string step, JsonObject answers,
        IFormCollection posted, SubmissionResult before)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(before);
        var refused = new List<string>();
        var files = new List<(string Path, IFormFile File)>();
        foreach (var field in form.Layout.TopFields(step))
        {
            Field(field, field.Key, answers, posted, before, refused, files);
        }

        foreach (var group in form.Layout.TopGroups(step))
        {
            Group(form.Layout, group, group.Key, answers, posted, before, refused, files);
        }

        return (refused, files);
    }

    /// <summary>Carries out "hinzufuegen:{group}" or "entfernen:{entry}"; returns the id to show afterwards, or null when the action is neither.</summary>
    public static string? Act(PortalForm form, string step, JsonObject answers, string? action)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (action is null || action.Length > 1000 || action.IndexOf(':', StringComparison.Ordinal) is not (> 0 and var colon))
        {
            return null;
        }

        var verb = action[..colon];
        var path = action[(colon + 1)..];
        if (verb is not ("hinzufuegen" or "entfernen") || form.Layout.StepOfPath(path) != step)
        {
            return null;
        }

        var parts = FormValues.Parse(path);
        var groupPath = verb == "entfernen" && parts.Count > 0 && parts[^1].Index is not null ? path[..path.LastIndexOf('[')] : path;
        if (RepeatingGroupAt(form.Definition, groupPath) is not { } group)
        {
            return null;
        }

        var entries = FormValues.Entries(answers, groupPath);
        while (entries.Count < group.Min)
        {
            entries.Add(new JsonObject());
        }

        if (verb == "hinzufuegen")
        {
            if (entries.Count < group.Max)
            {
                entries.Add(new JsonObject());
                return FormLayout.IdOf($"{groupPath}[{entries.Count - 1}]");
            }

            return FormLayout.IdOf(groupPath);
        }

        if (parts[^1].Index is { } index && index < entries.Count && entries.Count > group.Min)
        {
            entries.RemoveAt(index);
        }

        return FormLayout.IdOf(groupPath);
    }

    /// <summary>The repeating group a path like <c>antrag.kinder</c> or <c>eltern[0].kinder</c> names, or null.</summary>
    public static FormGroup? RepeatingGroupAt(FormDefinition form, string path)
    {
        ArgumentNullException.ThrowIfNull(form);
        FormGroup? group = null;
        var parts = FormValues.Parse(path);
        for (var i = 0; i < parts.Count; i++)
        {
            var (key, index) = parts[i];
            var parent = group;
            group = form.Groups.FirstOrDefault(g => g.Key == key && (parent is null ? form.GroupOf(g.Parent) is null : g.Parent == parent.Key));
            var last = i == parts.Count - 1;
            if (group is null || (last ? index is not null : (index is not null) != group.Repeats))
            {
                return null;
            }
        }

        return group is { Repeats: true } ? group : null;
    }

    private static void Group(FormLayout layout, FormGroup group, string path, JsonObject answers, IFormCollection posted, SubmissionResult before, List<string> refused, List<(string Path, IFormFile File)> files)
    {
        if (group.Repeats)
        {
            var entries = FormValues.Entries(answers, path);
            while (entries.Count < group.Min)
            {
                entries.Add(new JsonObject());
            }

            for (var i = 0; i < entries.Count; i++)
            {
                Children(layout, group, $"{path}[{i}]", answers, posted, before, refused, files);
            }

            return;
        }

        Children(layout, group, path, answers, posted, before, refused, files);
    }

    private static void Children(FormLayout layout, FormGroup group, string path, JsonObject answers, IFormCollection posted, SubmissionResult before, List<string> refused, List<(string Path, IFormFile File)> files)
    {
        foreach (var field in layout.FieldsOf(group))
        {
            Field(field, path + "." + field.Key, answers, posted, before, refused, files);
        }

        foreach (var child in layout.ChildGroups(group))
        {
            Group(layout, child, path + "." + child.Key, answers, posted, before, refused, files);
        }
    }

    private static void Field(FormField field, string path, JsonObject answers, IFormCollection posted, SubmissionResult before, List<string> refused, List<(string Path, IFormFile File)> files)
    {
        if (!field.TakesInput || before.Hidden.Contains(path))
        {
            return;
        }

        switch (field.Type)
        {
            case FormFieldType.File:
                if (posted.Files.GetFile(path) is { Length: > 0 } file)
                {
                    files.Add((path, file));
                }

                return;
            case FormFieldType.Boolean:
                FormValues.Set(answers, path, JsonValue.Create(posted[path].Contains("true") ? "true" : "false"));
                return;
        }

        if (!posted.TryGetValue(path, out var values))
        {
            // Not in the post: a multiple choice with nothing ticked was rendered and is now empty; any other field keeps its answer.
            if (field.Multiple && field.Type == FormFieldType.Select)
            {
                FormValues.Set(answers, path, null);
            }

            return;
        }

        var longest = Math.Max(MaxTextLength, field.MaxLength ?? 0);
        if (values.Count > MaxChoices || values.Any(v => v is { } value && value.Length > longest))
        {
            refused.Add(path);
            return;
        }

        if (field.Multiple)
        {
            var given = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray();
            FormValues.Set(answers, path, given.Length == 0 ? null : new JsonArray(given));
            return;
        }

        var text = values.FirstOrDefault();
        FormValues.Set(answers, path, string.IsNullOrEmpty(text) ? null : JsonValue.Create(text));
    }

    /// <summary>The errors of one step (and the form's own), by path, written in the applicant's language.</summary>
    public static Dictionary<string, string[]> ErrorsOf(PortalForm form, SubmissionResult check, string? step)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(check);
        return check.Errors.Where(e => step is null || form.Layout.StepOfPath(e.Path) is null || form.Layout.StepOfPath(e.Path) == step)
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Format(CultureInfo.CurrentUICulture)).ToArray(), StringComparer.Ordinal);
    }
}

using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>
/// How a form is laid out in steps on the portal (docs/adr/0035): a top-level group belongs to the step it names (or the
/// first), everything inside it with it; fields outside any group go on the first step. A form without steps is one step.
/// </summary>
internal sealed class FormLayout(FormDefinition form)
{
    /// <summary>The step of a form that declares none.</summary>
    public const string SingleStep = "angaben";

    public FormDefinition Form { get; } = form;

    public IReadOnlyList<string> Steps { get; } = form.Steps.Count == 0 ? [SingleStep] : [.. form.Steps.Select(s => s.Key)];

    public FormStep? StepOf(string key) => Form.Steps.FirstOrDefault(s => s.Key == key);

    public bool HasStep(string key) => Steps.Contains(key, StringComparer.Ordinal);

    public string? Next(string step) => Steps.SkipWhile(s => s != step).Skip(1).FirstOrDefault();

    public string? Previous(string step) => Steps.TakeWhile(s => s != step).LastOrDefault();

    /// <summary>The step a top-level group is shown on.</summary>
    public string StepOfGroup(FormGroup group) => group.Step is { } step && HasStep(step) ? step : Steps[0];

    public IReadOnlyList<FormGroup> TopGroups(string step) =>
        [.. Form.Groups.Where(g => Form.GroupOf(g.Parent) is null && StepOfGroup(g) == step)];

    public IReadOnlyList<FormField> TopFields(string step) =>
        step == Steps[0] ? [.. Form.Fields.Where(f => Form.GroupOf(f.Group) is null)] : [];

    public IReadOnlyList<FormGroup> ChildGroups(FormGroup group) => [.. Form.Groups.Where(g => g.Parent == group.Key && !ReferenceEquals(g, group))];

    public IReadOnlyList<FormField> FieldsOf(FormGroup group) => [.. Form.Fields.Where(f => f.Group == group.Key)];

    /// <summary>The step a value's or an error's path lies on (by its first part); null for the form as a whole.</summary>
    public string? StepOfPath(string path)
    {
        var first = FormValues.Parse(path).FirstOrDefault().Key;
        if (string.IsNullOrEmpty(first))
        {
            return null;
        }

        var group = Form.Groups.FirstOrDefault(g => g.Key == first && Form.GroupOf(g.Parent) is null);
        return group is not null ? StepOfGroup(group) : Steps[0];
    }

    /// <summary>The id of the element that shows a path's value or error (<c>feld-kinder-1--name</c>).</summary>
    public static string IdOf(string path) =>
        "feld-" + string.Concat((path ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-'));
}

using System.Text;
using Saas.Platform.Web;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>
/// Everything the generated form of one document needs to render: the kind's schema, the form's values, the errors by
/// JSON path (the store's located errors, the binder's problems, dangling references), the documents a reference
/// field may pick, and the custom editors.
/// </summary>
internal sealed class EditorView(
    string kind,
    SchemaField root,
    FormState state,
    IEnumerable<(string Path, string Message)> errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> referenceOptions,
    CustomEditors editors,
    JsonNode? original = null)
{
    private readonly ILookup<string, string> errorsByPath = errors.ToLookup(e => e.Path, e => e.Message, StringComparer.Ordinal);

    public string Kind { get; } = kind;

    public SchemaField Root { get; } = root;

    public FormState State { get; } = state;

    public CustomEditors Editors { get; } = editors;

    public IEnumerable<FieldView> TopFields => Root.Properties.Select(p => new FieldView(this, p, FormState.Root + "." + p.Name, "$." + FormState.Root + "." + p.Name));

    public string Value(string name) => State[name] ?? "";

    /// <summary>A field only the platform operator changes, as the opened document has it (<c>spec.hosts</c> → its JSON).</summary>
    public string Shown(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var node = original;
        foreach (var part in name.Split('.').Skip(1))
        {
            node = (node as JsonObject)?[part];
        }

        return node is null ? "–" : FormFlattener.Scalar(node);
    }

    /// <summary>The HTML id of a field: its name with what ids should not hold replaced.</summary>
    public static string Id(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = new StringBuilder("f-", name.Length + 2);
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return id.ToString();
    }

    public string Label(SchemaField field) => L.T(FieldTexts.Label(Kind, field.LabelPath));

    public string? Help(SchemaField field)
    {
        var key = FieldTexts.Help(Kind, field.LabelPath);
        return TextCatalog.Shared.Has("de", key) ? L.T(key) : null;
    }

    public string ChoiceLabel(SchemaField field, string value)
    {
        var key = FieldTexts.Choice(Kind, field.LabelPath, value);
        return TextCatalog.Shared.Has("de", key) ? L.T(key) : value;
    }

    public IReadOnlyList<string> ErrorsAt(string path) => errorsByPath[path].Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Keys of the documents a reference field may name, plus the current value when it names none of them.</summary>
    public IReadOnlyList<string> ReferenceChoices(SchemaField field, string current)
    {
        ArgumentNullException.ThrowIfNull(field);
        var options = field.Reference is { } kind ? referenceOptions.GetValueOrDefault(kind) ?? [] : [];
        return current.Length == 0 || options.Contains(current, StringComparer.Ordinal) ? options : [current, .. options];
    }

    public bool IsKnownReference(SchemaField field, string value) =>
        value == "*" || field.Reference is { } kind && (referenceOptions.GetValueOrDefault(kind) ?? []).Contains(value, StringComparer.Ordinal);

    public ICustomEditor? CustomEditor(SchemaField field) => field.Editor is { } name ? Editors.Find(name) : null;
}

/// <summary>One field as a partial renders it: where in the form (<see cref="Name"/>) and in the spec (<see cref="Path"/>).</summary>
internal sealed record FieldView(EditorView Editor, SchemaField Field, string Name, string Path)
{
    public string Id => EditorView.Id(Name);

    public string Value => Editor.Value(Name);

    public IReadOnlyList<string> Errors => Editor.ErrorsAt(Path);

    public string Label => Editor.Label(Field);

    public string? Help => Editor.Help(Field);

    public string DescribedBy => string.Join(' ', new[] { Help is null ? null : Id + "-help", Errors.Count > 0 ? Id + "-error" : null }.OfType<string>());

    public FieldView Child(SchemaField child) => new(Editor, child, Name + "." + child.Name, Path + "." + child.Name);

    public FieldView Item(int index) => new(Editor, Field.Items!, FormFlattener.Item(Name, index), FormFlattener.Item(Path, index));

    /// <summary>The value of a map's row: its JSON path uses the row's name as typed.</summary>
    public FieldView MapValue(int index)
    {
        var row = FormFlattener.Item(Name, index);
        return new FieldView(Editor, Field.Items!, row + "._value", Path + "." + Editor.Value(row + "._key"));
    }

    public int Count => Editor.State.ItemCount(Name);
}

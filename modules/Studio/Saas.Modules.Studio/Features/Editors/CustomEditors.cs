namespace Saas.Modules.Studio.Features.Editors;

/// <summary>
/// An editor of its own for a field where a generated form is the wrong tool (opening hours as a weekly grid, later a
/// process diagram or a form designer). A schema chooses it with <c>"x-editor": "&lt;name&gt;"</c>; the editor renders the
/// field with its Razor partial (in <c>Pages/Shared</c>) and turns the field's part of the form state into JSON and back,
/// with the same rules as the generated form: every name it reads is consumed, everything else is forged.
/// Registered in DI (<c>services.AddSingleton&lt;ICustomEditor, …&gt;()</c>).
/// </summary>
internal interface ICustomEditor
{
    /// <summary>The value of <c>x-editor</c> that picks this editor.</summary>
    string Name { get; }

    /// <summary>The Razor partial that renders the field (model: <see cref="FieldView"/>).</summary>
    string Partial { get; }

    void Flatten(SchemaField field, string name, JsonNode value, FormState state);

    JsonNode? Bind(SchemaField field, string name, BindContext context);
}

/// <summary>The registered custom editors by name; a schema naming an unknown editor gets the generated form.</summary>
internal sealed class CustomEditors(IEnumerable<ICustomEditor> editors)
{
    private readonly Dictionary<string, ICustomEditor> byName = editors.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public ICustomEditor? Find(string name) => byName.GetValueOrDefault(name);

    public IReadOnlyCollection<string> Names => byName.Keys;
}

/// <summary>
/// Opening hours as a week: a row per day, each with its time ranges as pairs of time inputs (from, to), rows added
/// and removed with buttons that post the form. The field is an object whose properties are the days (from the
/// schema, in its order) and whose values are lists of <c>"HH:mm-HH:mm"</c>. A range is written back as typed, so
/// the kind's rules (order, overlaps) report it at its row.
/// </summary>
internal sealed class WeeklyHoursEditor : ICustomEditor
{
    public const string EditorName = "weekly-hours";

    public string Name => EditorName;

    public string Partial => "_WeeklyHours";

    public void Flatten(SchemaField field, string name, JsonNode value, FormState state)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(state);
        if (value is not JsonObject days)
        {
            state[name + "._raw"] = value.ToJsonString();
            return;
        }

        foreach (var day in field.Properties)
        {
            if (days[day.Name] is not JsonArray ranges)
            {
                continue;
            }

            state[$"{name}.{day.Name}._present"] = "1";
            for (var i = 0; i < ranges.Count; i++)
            {
                var row = FormFlattener.Item($"{name}.{day.Name}", i);
                var text = ranges[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : ranges[i]?.ToJsonString() ?? "";
                var (from, to) = Split(text);
                state[row + FormState.ItemMarker] = "1";
                state[row + ".from"] = from;
                state[row + ".to"] = to;
            }
        }
    }

    public JsonNode? Bind(SchemaField field, string name, BindContext context)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Take(name + "._raw") is { } raw)
        {
            // Not a week at all (an invalid draft): kept as it was, the schema names the problem.
            return JsonNode.Parse(raw);
        }

        var week = new JsonObject();
        foreach (var day in field.Properties)
        {
            var list = $"{name}.{day.Name}";
            var present = context.Take(list + "._present") is not null;
            var ranges = new JsonArray();
            var count = context.State.ItemCount(list);
            for (var i = 0; i < count; i++)
            {
                var row = FormFlattener.Item(list, i);
                context.Take(row + FormState.ItemMarker);
                var from = context.Take(row + ".from")?.Trim() ?? "";
                var to = context.Take(row + ".to")?.Trim() ?? "";
                if (from.Length > 20 || to.Length > 20)
                {
                    context.Problem(row + ".from", "studio.binding.too-long");
                    continue;
                }

                if (from.Length == 0 && to.Length == 0)
                {
                    continue;
                }

                ranges.Add(JsonValue.Create(to.Length == 0 ? from : $"{from}-{to}"));
            }

            if (ranges.Count > 0 || present)
            {
                week[day.Name] = ranges;
            }
        }

        return week.Count > 0 || field.Required ? week : null;
    }

    /// <summary>"08:00-12:30" → ("08:00", "12:30"); text without a dash stays whole in "from", so it is written back unchanged.</summary>
    public static (string From, string To) Split(string range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (range, "") : (range[..dash], range[(dash + 1)..]);
    }
}

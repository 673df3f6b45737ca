using System.Text.RegularExpressions;
using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications.Features.Validation;

/// <summary>How much one submission may carry, whatever its form says.</summary>
internal sealed record SubmissionLimits(int MaxValues = 5_000, int MaxTextLength = 20_000, int MaxTotalCharacters = 1_000_000, long MaxFileBytes = 104_857_600)
{
    public static SubmissionLimits Default { get; } = new();
}

/// <summary>A refused value: where (<c>kinder[1].name</c>) and why, a text of the catalogue written in the applicant's language when shown.</summary>
internal sealed record FieldError(string Path, LocalizedText Message)
{
    public string Format(CultureInfo culture) => TextCatalog.Shared.Format(Message, culture);
}

/// <summary>
/// Evidence as the submission names it: the kept file's id (docs/adr/0042), its name, type and size. The submission's
/// use case replaces name, type and size by what was stored for the id, whose content was checked when it was kept.
/// </summary>
internal sealed record EvidenceValue(Guid Id, string Name, string ContentType, long Bytes);

/// <summary>An accepted value with its path and the FIM element it came from, so stored data can carry the FIM ids and versions.</summary>
internal sealed record AcceptedValue(string Path, FormField Field, object Value)
{
    public FimReference? Fim => Field.Fim;
}

internal sealed record SubmissionResult(IReadOnlyList<AcceptedValue> Accepted, IReadOnlyList<FieldError> Errors, FimReference? Form)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The paths of the fields a condition hides in these values (the portal does not render them), errors or not.</summary>
    public IReadOnlySet<string> Hidden { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The computed values by path, as the server computed them (shown read-only), errors or not.</summary>
    public IReadOnlyDictionary<string, object> Computed { get; init; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public object? this[string path] => Accepted.FirstOrDefault(a => a.Path == path)?.Value;
}

/// <summary>
/// The server's check of a submission against a form definition (docs/adr/0032), a pure function: the values as the
/// applicant sent them (groups as objects, repeating groups as lists of objects, values as text or JSON scalars, a
/// field of several values as a list, evidence as <c>{evidence, name, contentType, bytes}</c>) → the accepted, typed values, or
/// the errors per field path. A name the form does not have (a forged field, a computed one, a label) is refused;
/// conditions decide what is visible and what is required (a hidden field's value is dropped, never accepted);
/// computed values are computed here, never taken from the client. Text is kept exactly as sent — markup and script
/// are text, never interpreted — but control characters and line breaks in a one-line field are refused.
/// </summary>
internal sealed class SubmissionValidator(CompiledForm compiled, SubmissionLimits? limits = null)
{
    private readonly SubmissionLimits limits = limits ?? SubmissionLimits.Default;
    private readonly FormDefinition form = compiled.Form;

    public static SubmissionResult Validate(FormDefinition form, JsonObject values, DateOnly today, SubmissionLimits? limits = null) =>
        new SubmissionValidator(FormExpressions.Compile(form), limits).Validate(values, today);

    public SubmissionResult Validate(JsonObject values, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(values);
        var run = new Run(today);
        if (!compiled.Succeeded)
        {
            run.Errors.Add(new FieldError("", LocalizedText.Of("applications.submission.form-invalid")));
            return new SubmissionResult([], run.Errors, form.Fim);
        }

        Level(run, null, values, "", new Entry(null), null);
        if (run.Count > limits.MaxValues)
        {
            return new SubmissionResult([], [new FieldError("", LocalizedText.Of("applications.submission.too-many-values", ("max", limits.MaxValues)))], form.Fim);
        }

        // Every error at once: values refused while reading are not reported again as missing.
        Decide(run);
        var result = run.Errors.Count == 0
            ? new SubmissionResult(run.Instances.Where(i => i.Visible && i.Value is not null).Select(i => new AcceptedValue(i.Path, i.Field, i.Value!)).ToList(), [], form.Fim)
            : new SubmissionResult([], run.Errors, form.Fim);
        return result with
        {
            Hidden = run.Instances.Where(i => !i.Visible).Select(i => i.Path).ToHashSet(StringComparer.Ordinal),
            Computed = run.Instances.Where(i => i.Visible && i.Field.Computed is not null && i.Value is not null)
                .GroupBy(i => i.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value!, StringComparer.Ordinal),
        };
    }

    /// <summary>One group's level (or the form's top): names checked against the definition, values parsed, entries walked.</summary>
    private void Level(Run run, FormGroup? group, JsonObject values, string prefix, Entry scope, GroupPresence? presence)
    {
        var groups = form.Groups.Where(g => group is null ? form.GroupOf(g.Parent) is null : g.Parent == group.Key).ToList();
        var fields = form.Fields.Where(f => group is null ? form.GroupOf(f.Group) is null : f.Group == group.Key).ToList();
        foreach (var (name, _) in values)
        {
            var field = fields.FirstOrDefault(f => f.Key == name);
            if (!groups.Any(g => g.Key == name) && (field is null || !field.TakesInput))
            {
                run.Errors.Add(new FieldError(prefix + name, LocalizedText.Of("applications.submission.forged", ("name", Shorten(name)))));
            }
        }

        foreach (var field in fields)
        {
            var node = values[field.Key];
            var instance = new Instance(field, prefix + field.Key, scope, presence);
            run.Instances.Add(instance);
            if (field.TakesInput && node is not null)
            {
                var before = run.Errors.Count;
                instance.Value = Parse(run, field, instance.Path, node);
                instance.Refused = run.Errors.Count > before;
            }

            if (instance.Value is not null)
            {
                scope.Values[field.FullPath] = instance.Value;
                presence?.MarkFilled();
            }
        }

        foreach (var child in groups)
        {
            var node = values[child.Key];
            var path = prefix + child.Key;
            if (child.Repeats)
            {
                var items = node switch
                {
                    null => [],
                    JsonArray array => array.ToList(),
                    _ => null,
                };
                if (items is null)
                {
                    run.Errors.Add(new FieldError(path, LocalizedText.Of("applications.submission.list-expected")));
                    continue;
                }

                if (items.Count > child.Max)
                {
                    run.Errors.Add(new FieldError(path, LocalizedText.Of("applications.submission.too-many-entries", ("count", items.Count), ("max", child.Max))));
                    continue;
                }

                run.Repeats.Add((child, path, items.Count, presence));
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject item)
                    {
                        run.Errors.Add(new FieldError($"{path}[{i}]", LocalizedText.Of("applications.submission.group-expected")));
                        continue;
                    }

                    // An entry that is there is given; its fields see their own entry first, then what is outside it.
                    var entry = new GroupPresence(presence, optional: false);
                    entry.MarkFilled();
                    Level(run, child, item, $"{path}[{i}].", new Entry(scope), entry);
                }
            }
            else if (node is null or JsonObject)
            {
                // An optional group (min 0) counts as given when any value in it is; a required one always does.
                Level(run, child, node as JsonObject ?? [], path + ".", scope, new GroupPresence(presence, optional: child.Min == 0));
            }
            else
            {
                run.Errors.Add(new FieldError(path, LocalizedText.Of("applications.submission.group-expected")));
            }
        }
    }

    /// <summary>Computed values, then visibility and what is required, entry by entry; then the counts of repeating groups.</summary>
    private void Decide(Run run)
    {
        foreach (var instance in run.Instances)
        {
            var field = compiled.Fields[instance.Field];
            if (field.Computed is not null)
            {
                var result = field.Computed.Evaluate(ValuesFor(field.Scope, instance.Scope), run.Today);
                if (result.Succeeded && result.Boxed is { } value)
                {
                    instance.Value = value;
                    instance.Scope.Values[instance.Field.FullPath] = value;
                }
            }
        }

        foreach (var instance in run.Instances)
        {
            var field = compiled.Fields[instance.Field];
            // The values are gathered only for a field with a condition (most fields have none; a form's scope has all its fields).
            var values = field.VisibleWhen is null && field.RequiredWhen is null ? null : ValuesFor(field.Scope, instance.Scope);
            instance.Visible = field.VisibleWhen is null || field.VisibleWhen.Holds(values!, run.Today) == true;
            if (!instance.Visible || !instance.Field.TakesInput)
            {
                continue;
            }

            var required = Given(instance.Presence) && (instance.Field.Required || field.RequiredWhen?.Holds(values!, run.Today) == true);
            if (instance.Value is null)
            {
                if (required && !instance.Refused)
                {
                    run.Errors.Add(new FieldError(instance.Path, LocalizedText.Of("applications.submission.required")));
                }
            }
            else if (required && instance.Field.Type == FormFieldType.Boolean && instance.Value is false)
            {
                run.Errors.Add(new FieldError(instance.Path, LocalizedText.Of("applications.submission.must-confirm")));
            }
        }

        foreach (var (group, path, count, presence) in run.Repeats)
        {
            if (Given(presence) && count < group.Min)
            {
                run.Errors.Add(new FieldError(path, LocalizedText.Of("applications.submission.too-few-entries", ("count", count), ("min", group.Min))));
            }
        }
    }

    private static bool Given(GroupPresence? group)
    {
        for (var current = group; current is not null; current = current.Parent)
        {
            if (current.Optional && !current.Filled)
            {
                return false;
            }
        }

        return true;
    }

    private static ExpressionValues ValuesFor(ExpressionSchema scope, Entry entry)
    {
        var values = scope.NewValues();
        foreach (var variable in scope.Variables)
        {
            if (entry.Find(variable.Name) is { } value)
            {
                Set(values, variable, value);
            }
        }

        return values;
    }

    private static void Set(ExpressionValues values, VariableDeclaration variable, object value)
    {
        switch (value)
        {
            case string text:
                values.Set(variable.Name, text);
                break;
            case decimal number:
                values.Set(variable.Name, number);
                break;
            case DateOnly date:
                values.Set(variable.Name, date);
                break;
            case bool flag:
                values.Set(variable.Name, flag);
                break;
            case EvidenceValue:
                values.Set(variable.Name, true);
                break;
            case IReadOnlyList<string> texts:
                values.Set(variable.Name, texts);
                break;
            case IReadOnlyList<decimal> numbers:
                values.Set(variable.Name, numbers);
                break;
            case IReadOnlyList<DateOnly> dates:
                values.Set(variable.Name, dates);
                break;
        }
    }

    private object? Parse(Run run, FormField field, string path, JsonNode node)
    {
        if (field.Multiple)
        {
            var items = node is JsonArray array ? array.ToList() : [node];
            if (items.Count > field.MaxItems)
            {
                run.Errors.Add(new FieldError(path, LocalizedText.Of("applications.submission.too-many-entries", ("count", items.Count), ("max", field.MaxItems))));
                return null;
            }

            var parsed = new List<object>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } item && One(run, field, $"{path}[{i}]", item) is { } value)
                {
                    parsed.Add(value);
                }
            }

            if (parsed.Count == 0)
            {
                return null;
            }

            return field.Type switch
            {
                FormFieldType.Number or FormFieldType.Decimal => parsed.Cast<decimal>().ToList(),
                FormFieldType.Date => parsed.Cast<DateOnly>().ToList(),
                _ => (object)parsed.Cast<string>().ToList(),
            };
        }

        return One(run, field, path, node);
    }

    /// <summary>One value by its field's type and rules; null when empty (not given) or refused (with an error).</summary>
    private object? One(Run run, FormField field, string path, JsonNode node)
    {
        run.Count++;
        if (field.Type == FormFieldType.File)
        {
            return Evidence(run, field, path, node);
        }

        string? text = node switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            JsonValue value when value.GetValueKind() is System.Text.Json.JsonValueKind.True => "true",
            JsonValue value when value.GetValueKind() is System.Text.Json.JsonValueKind.False => "false",
            JsonValue value when value.GetValueKind() is System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            return Refuse(run, path, "applications.submission.scalar-expected");
        }

        run.Characters += text.Length;
        if (text.Length > limits.MaxTextLength || run.Characters > limits.MaxTotalCharacters)
        {
            return Refuse(run, path, "applications.submission.too-long", ("max", Math.Min(limits.MaxTextLength, field.MaxLength ?? int.MaxValue)));
        }

        if (field.Type is not (FormFieldType.Text or FormFieldType.Multiline))
        {
            text = text.Trim();
        }

        if (text.Length == 0)
        {
            return null;
        }

        switch (field.Type)
        {
            case FormFieldType.Text or FormFieldType.Multiline:
                return Text(run, field, path, text);
            case FormFieldType.Number or FormFieldType.Decimal:
                return Number(run, field, path, text);
            case FormFieldType.Date:
                return Date(run, field, path, text);
            case FormFieldType.Boolean:
                return text switch
                {
                    "true" or "on" or "yes" or "1" => true,
                    "false" or "off" or "no" or "0" => false,
                    _ => Refuse(run, path, "applications.submission.not-boolean"),
                };
            case FormFieldType.Select:
                var list = form.CodeListOf(field.CodeList);
                return list is not null && list.Contains(text) ? text : Refuse(run, path, "applications.submission.not-in-list", ("value", Shorten(text)));
            default:
                return Refuse(run, path, "applications.submission.forged", ("name", field.Key));
        }
    }

    private static object? Text(Run run, FormField field, string path, string text)
    {
        text = text.ReplaceLineEndings("\n");
        var multiline = field.Type == FormFieldType.Multiline;
        if (text.Any(c => (char.IsControl(c) && !(multiline && c is '\n' or '\t')) || c is '\u2028' or '\u2029') || (!multiline && text.Contains('\n', StringComparison.Ordinal)))
        {
            return Refuse(run, path, "applications.submission.control-characters");
        }

        if (!text.IsNormalized())
        {
            text = text.Normalize();
        }

        var length = text.EnumerateRunes().Count();
        if (field.MinLength is { } min && length < min)
        {
            return Refuse(run, path, "applications.submission.too-short", ("min", min));
        }

        if (field.MaxLength is { } max && length > max)
        {
            return Refuse(run, path, "applications.submission.too-long", ("max", max));
        }

        if (field.Pattern is { } pattern && !Matches(pattern, text))
        {
            return Refuse(run, path, "applications.submission.pattern");
        }

        return text;
    }

    // FIM's patterns are XML Schema's: they match the whole value.
    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static object? Number(Run run, FormField field, string path, string text)
    {
        // A decimal comma as German applicants write it, or a point; never thousands separators.
        var normalized = text.Count(c => c is ',' or '.') <= 1 ? text.Replace(',', '.') : text;
        var integer = field.Type == FormFieldType.Number;
        if (normalized.Length > 40 || !decimal.TryParse(normalized, integer ? NumberStyles.AllowLeadingSign : NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number))
        {
            return Refuse(run, path, integer ? "applications.submission.not-integer" : "applications.submission.not-number");
        }

        if (field.Scale is { } scale && number.Scale > scale && decimal.Round(number, scale) != number)
        {
            return Refuse(run, path, "applications.submission.too-many-decimals", ("scale", scale));
        }

        if (field.Minimum is { } min && number < min)
        {
            return Refuse(run, path, "applications.submission.below-minimum", ("min", min));
        }

        if (field.Maximum is { } max && number > max)
        {
            return Refuse(run, path, "applications.submission.above-maximum", ("max", max));
        }

        return number;
    }

    private static object? Date(Run run, FormField field, string path, string text)
    {
        if (!DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Refuse(run, path, "applications.submission.not-date");
        }

        if (field.MinDate is { } min && date < min)
        {
            return Refuse(run, path, "applications.submission.date-before", ("date", min.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
        }

        if (field.MaxDate is { } max && date > max)
        {
            return Refuse(run, path, "applications.submission.date-after", ("date", max.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
        }

        return date;
    }

    private object? Evidence(Run run, FormField field, string path, JsonNode node)
    {
        if (node is JsonValue empty && empty.TryGetValue<string>(out var none) && none.Length == 0)
        {
            return null;
        }

        if (node is not JsonObject evidence || FormDefinition.Text(evidence["name"]) is not { Length: > 0 and <= 255 } name
            || FormDefinition.Text(evidence["contentType"]) is not { Length: > 0 and <= 100 } type || FormDefinition.Decimal(evidence["bytes"]) is not { } size
            || FormDefinition.Text(evidence["evidence"]) is not { } idText || !Guid.TryParseExact(idText, "D", out var id)
            || evidence.Count != 4 || size != decimal.Truncate(size) || size < 0)
        {
            return Refuse(run, path, "applications.submission.evidence-expected");
        }

        if (name.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            return Refuse(run, path, "applications.submission.evidence-name");
        }

        if (field.Accept.Count > 0 && !field.Accept.Contains(type.ToLowerInvariant()))
        {
            return Refuse(run, path, "applications.submission.evidence-type", ("type", Shorten(type)), ("accepted", string.Join(", ", field.Accept)));
        }

        var max = Math.Min(field.MaxBytes ?? limits.MaxFileBytes, limits.MaxFileBytes);
        if (size == 0 || size > max)
        {
            return Refuse(run, path, "applications.submission.evidence-size", ("max", max));
        }

        return new EvidenceValue(id, name, type.ToLowerInvariant(), (long)size);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static object? Refuse(Run run, string path, string key, params (string, object?)[] args)
    {
        run.Errors.Add(new FieldError(path, LocalizedText.Of(key, args)));
        return null;
    }

    /// <summary>Whether an optional group got any value; a required group (min ≥ 1) is always given when its parent is.</summary>
    private sealed class GroupPresence(GroupPresence? parent, bool optional)
    {
        public GroupPresence? Parent { get; } = parent;

        public bool Optional { get; } = optional;

        public bool Filled { get; private set; }

        public void MarkFilled()
        {
            for (var current = this; current is not null && !current.Filled; current = current.Parent)
            {
                current.Filled = true;
            }
        }
    }

    /// <summary>The values an expression sees: its own entry's and, up the chain, those outside it.</summary>
    private sealed class Entry(Entry? parent)
    {
        public Entry? Parent { get; } = parent;

        public Dictionary<string, object> Values { get; } = new(StringComparer.Ordinal);

        public object? Find(string name)
        {
            for (var current = this; current is not null; current = current.Parent)
            {
                if (current.Values.TryGetValue(name, out var value))
                {
                    return value;
                }
            }

            return null;
        }
    }

    private sealed class Instance(FormField field, string path, Entry scope, GroupPresence? presence)
    {
        public FormField Field { get; } = field;

        public string Path { get; } = path;

        public Entry Scope { get; } = scope;

        public GroupPresence? Presence { get; } = presence;

        public object? Value { get; set; }

        public bool Visible { get; set; } = true;

        public bool Refused { get; set; }
    }

    private sealed class Run(DateOnly today)
    {
        public DateOnly Today { get; } = today;

        public List<FieldError> Errors { get; } = [];

        public List<Instance> Instances { get; } = [];

        public List<(FormGroup Group, string Path, int Count, GroupPresence? Presence)> Repeats { get; } = [];

        public int Count { get; set; }

        public int Characters { get; set; }
    }
}

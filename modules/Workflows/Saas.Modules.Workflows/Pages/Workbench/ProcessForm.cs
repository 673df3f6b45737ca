using Saas.Modules.Workflows.Features.Instances;
using Saas.Platform.Web;

namespace Saas.Modules.Workflows.Pages.Workbench;

/// <summary>
/// A transition's inputs as a form writes and posts them: one field per declared input (<c>input.&lt;name&gt;</c>), of
/// the input's type (a date field for a date, a number field for a number, a choice for yes/no, lines for a list),
/// and back into the JSON the use case checks (<c>TakeTransition</c> decides what is valid, by field).
/// </summary>
internal static class ProcessForm
{
    public const string Prefix = "input.";

    /// <summary>The id of an input's field on the page (unique per transition, so the error summary can link to it).</summary>
    public static string FieldId(string transition, string input) => $"input-{transition}-{Slug(input)}";

    /// <summary>The kind of form field for a declared type: <c>date</c>, <c>number</c>, <c>bool</c>, <c>list</c>, <c>money</c> or <c>text</c>.</summary>
    public static string FieldKind(string? type) => ExpressionType.TryParse(type ?? "", out var parsed) ? parsed.Kind switch
    {
        TypeKind.Date => "date",
        TypeKind.Number => "number",
        TypeKind.Bool => "bool",
        TypeKind.List => "list",
        TypeKind.Money => "money",
        _ => "text",
    } : "text";

    /// <summary>The currency of a money input (EUR unless the type names another).</summary>
    public static string Currency(string? type) => ExpressionType.TryParse(type ?? "", out var parsed) && parsed.Currency is { } currency ? currency : "EUR";

    /// <summary>
    /// The posted fields as the use case's inputs: an empty field is left out (the use case names it missing); a value
    /// that is not of its type is passed on as typed, so the use case names that field's error in the reader's language.
    /// </summary>
    public static JsonObject Inputs(IEnumerable<string> inputs, IReadOnlyDictionary<string, string> types, IReadOnlyDictionary<string, string> posted)
    {
        var result = new JsonObject();
        foreach (var name in inputs)
        {
            var raw = posted.GetValueOrDefault(name)?.Trim() ?? "";
            if (raw.Length > 0)
            {
                result[name] = Value(types.GetValueOrDefault(name), raw);
            }
        }

        return result;
    }

    private static JsonNode? Value(string? type, string raw)
    {
        switch (FieldKind(type))
        {
            case "bool":
                return raw switch { "true" => JsonValue.Create(true), "false" => JsonValue.Create(false), _ => JsonValue.Create(raw) };
            case "number":
                return Number(raw) is { } number ? JsonValue.Create(number) : JsonValue.Create(raw);
            case "money":
                return Number(raw) is { } amount ? new JsonObject { ["amount"] = amount, ["currency"] = Currency(type) } : JsonValue.Create(raw);
            case "date":
                // The date field posts ISO (2027-01-31); a browser without one lets people type the local form (31.01.2027).
                return DateOnly.TryParse(raw, CultureInfo.GetCultureInfo(L.Lang), DateTimeStyles.None, out var date) && !raw.Contains('-', StringComparison.Ordinal)
                    ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : JsonValue.Create(raw);
            case "list":
                return new JsonArray([.. raw.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(line => JsonValue.Create(line))]);
            default:
                return JsonValue.Create(raw);
        }
    }

    private static decimal? Number(string raw) =>
        decimal.TryParse(raw, NumberStyles.Number, CultureInfo.GetCultureInfo(L.Lang), out var local) ? local
        : decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var invariant) ? invariant
        : null;

    private static string Slug(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}

/// <summary>How the process page writes dates, times and the process's codes (statuses, steps, actions) in plain words.</summary>
internal static class ProcessDisplay
{
    private static readonly TimeZoneInfo Berlin = ProcessFacts.Zone;

    private static CultureInfo Culture => CultureInfo.GetCultureInfo(L.Lang);

    public static string Date(DateOnly? value) => value is { } v ? v.ToString(L.T("format.date.short"), Culture) : "–";

    public static string Time(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Berlin).ToString(L.T("format.date-time.short"), Culture);

    public static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A status of a task or a deadline (<c>open</c>, <c>done</c>, <c>running</c>, <c>expired</c>, …).</summary>
    public static string Status(string status) => Known("workflows.casepage.status." + status, status);

    /// <summary>What kind of step a history entry is (<c>start</c>, <c>transition</c>, <c>proposal</c>, …).</summary>
    public static string StepKind(string kind) => Known("workflows.casepage.step." + kind, kind);

    /// <summary>An input's value as stored (JSON), for the history and a pending proposal.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => Date(date),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v when v.TryGetValue<bool>(out var flag) => L.T(flag ? "workflows.casepage.yes" : "workflows.casepage.no"),
        JsonValue v when v.TryGetValue<decimal>(out var number) => number.ToString("G", Culture),
        JsonArray list => string.Join(", ", list.Select(Value)),
        JsonObject money when money["amount"] is JsonValue amount && amount.TryGetValue<decimal>(out var sum) =>
            $"{sum.ToString("N2", Culture)} {money["currency"]?.GetValue<string>()}",
        null => "–",
        _ => value.ToJsonString(),
    };

    /// <summary>
    /// One action a step did, as the runner recorded it (<c>verb:argument[:more]</c>), in plain words;
    /// <paramref name="deadlines"/> names the process's deadlines.
    /// </summary>
    public static string Action(string action, Func<string, string> deadlines)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(deadlines);
        var parts = action.Split(':', 4);
        var argument = parts.Length > 1 ? parts[1] : "";
        return parts[0] switch
        {
            "start-deadline" when parts.Length > 3 && parts[2] == "not-started" =>
                L.T("workflows.casepage.action.deadline-not-started", ("deadline", deadlines(argument)), ("reason", parts[3])),
            "start-deadline" when parts.Length > 2 && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) =>
                L.T("workflows.casepage.action.deadline-started", ("deadline", deadlines(argument)), ("date", Date(due))),
            "cancel-deadline" => L.T("workflows.casepage.action.deadline-cancelled", ("deadline", deadlines(argument))),
            "letter" => L.T("workflows.casepage.action.letter", ("letter", argument)),
            "notify" => L.T("workflows.casepage.action.notify", ("message", argument)),
            "decision" => L.T("workflows.casepage.action.decision", ("decision", Known("workflows.casepage.decision." + argument, argument))),
            "order-card" => L.T("workflows.casepage.action.order-card"),
            "emit" => L.T("workflows.casepage.action.emit", ("event", argument)),
            _ => action,
        };
    }

    /// <summary>The letters a process produced: every <c>letter</c> action of its steps, with the step that produced it.</summary>
    public static IReadOnlyList<(string Letter, StepView Step)> Letters(IEnumerable<StepView> steps) =>
        [.. steps.SelectMany(s => s.Actions.Where(a => a.StartsWith("letter:", StringComparison.Ordinal)).Select(a => (a["letter:".Length..], s)))];

    private static string Known(string key, string fallback)
    {
        var text = L.T(key);
        return text == key ? fallback : text;
    }
}

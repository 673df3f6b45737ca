namespace Saas.Modules.Workflows.Features.Definitions;

/// <summary>
/// A process version with its expressions compiled against the variables every process sees (<see cref="BuiltIns"/>),
/// its deadlines' due dates (<c>deadlines.&lt;key&gt;</c>) and the variables it declares. Compiled once per version and kept
/// (<see cref="ProcessCatalogue"/>); thread-safe, as compiled expressions are.
/// </summary>
internal sealed class CompiledProcess(ProcessDefinition definition, int version, ExpressionSchema schema, IReadOnlyDictionary<string, CompiledExpression> expressions)
{
    public ProcessDefinition Definition { get; } = definition;

    public int Version { get; } = version;

    public ExpressionSchema Schema { get; } = schema;

    /// <summary>The compiled expression at a spec path (<c>$.transitions[2].guard.when</c>), or null where the definition has none.</summary>
    public CompiledExpression? At(string path) => expressions.GetValueOrDefault(path);
}

/// <summary>Compiles a process definition's expressions; every error located inside the YAML scalar it stands in.</summary>
internal static class ProcessCompiler
{
    /// <summary>What every process may read about its case (filled by <c>ProcessFacts</c> before guards are checked).</summary>
    public static IReadOnlyList<VariableDeclaration> BuiltIns { get; } =
    [
        new("case.kind", ExpressionType.String),
        new("case.legalBasis", ExpressionType.String),
        new("case.openedOn", ExpressionType.Date),
        new("documents", ExpressionType.ListOf(ExpressionType.String), new LocalizedText("platform.expressions.subject.evidence")),
        new("person.birthDate", ExpressionType.Date),
        new("person.nationalities", ExpressionType.ListOf(ExpressionType.String)),
        new("title.legalBasis", ExpressionType.String),
        new("title.validUntil", ExpressionType.Date),
        new("passport.validUntil", ExpressionType.Date),
        new("process.startedOn", ExpressionType.Date),
        new("state.enteredOn", ExpressionType.Date),
    ];

    /// <summary>Names a process may not declare as its own variables (they are the built-ins' and the deadlines').</summary>
    public static IReadOnlyList<string> ReservedPrefixes { get; } = ["case.", "person.", "title.", "passport.", "process.", "state.", "deadlines.", "documents"];

    public static ExpressionSchema SchemaOf(ProcessDefinition definition)
    {
        var declared = definition.Variables
            .Select(v => ExpressionType.TryParse(v.Type, out var type) ? new VariableDeclaration(v.Name, type) : null)
            .Where(v => v is not null && !IsReserved(v.Name)).Select(v => v!)
            .DistinctBy(v => v.Name, StringComparer.Ordinal);
        var deadlines = definition.Deadlines.Select(d => d.Key).Distinct(StringComparer.Ordinal)
            .Where(IsIdentifier).Select(k => new VariableDeclaration("deadlines." + k, ExpressionType.Date));
        return new ExpressionSchema([.. BuiltIns, .. deadlines, .. declared]);
    }

    public static bool IsReserved(string name) =>
        ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) || name == p.TrimEnd('.'));

    public static bool IsIdentifier(string key) =>
        key.Length > 0 && char.IsAsciiLetterLower(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Every expression of the definition with the type it must have, by the spec path it stands at.</summary>
    public static IEnumerable<(string Path, string Text, ExpressionType? Expected)> Expressions(ProcessDefinition definition)
    {
        foreach (var state in definition.States)
        {
            foreach (var task in state.Tasks.Where(t => t.Due is not null))
            {
                yield return (task.Path + ".due", task.Due!, ExpressionType.Duration);
            }
        }

        foreach (var transition in definition.Transitions)
        {
            if (transition.Guard.When is { } when)
            {
                yield return (transition.Path + ".guard.when", when, ExpressionType.Bool);
            }

            foreach (var expression in ActionExpressions(transition.Actions))
            {
                yield return expression;
            }
        }

        foreach (var expression in ActionExpressions(definition.StartActions))
        {
            yield return expression;
        }

        foreach (var deadline in definition.Deadlines)
        {
            if (deadline.After is { } after)
            {
                yield return (deadline.Path + ".after", after, ExpressionType.Duration);
            }

            if (deadline.Until is { } until)
            {
                yield return (deadline.Path + ".until", until, ExpressionType.Date);
            }

            foreach (var escalation in deadline.Escalations)
            {
                yield return (escalation.Path + ".after", escalation.After, ExpressionType.Duration);
            }
        }
    }

    private static IEnumerable<(string Path, string Text, ExpressionType? Expected)> ActionExpressions(IEnumerable<ProcessAction> actions)
    {
        foreach (var action in actions)
        {
            foreach (var (name, expression) in action.Values)
            {
                yield return ($"{action.Path}.values.{name}", expression, null);
            }

            if (action.ValidUntil is { } until)
            {
                yield return (action.Path + ".validUntil", until, ExpressionType.Date);
            }
        }
    }

    /// <summary>
    /// Compiles every expression; errors come back located in <paramref name="yaml"/> when the caller says where each
    /// path's value starts (<paramref name="locateValue"/>), else relative to the expression's own text.
    /// </summary>
    public static (CompiledProcess? Process, IReadOnlyList<(string Path, ExpressionError Error)> Errors) Compile(
        ProcessDefinition definition, int version, string? yaml = null, Func<string, (int? Line, int? Column)>? locateValue = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var schema = SchemaOf(definition);
        var compiled = new Dictionary<string, CompiledExpression>(StringComparer.Ordinal);
        var errors = new List<(string, ExpressionError)>();
        foreach (var (path, text, expected) in Expressions(definition))
        {
            var source = Source(text, path, yaml, locateValue);
            var result = ExpressionCompiler.Compile(source, schema, expected);
            if (result.Expression is { } expression)
            {
                compiled[path] = expression;
            }
            else
            {
                errors.AddRange(result.Errors.Select(e => (path, e)));
            }
        }

        return (errors.Count == 0 ? new CompiledProcess(definition, version, schema, compiled) : null, errors);
    }

    private static ExpressionSource Source(string text, string path, string? yaml, Func<string, (int? Line, int? Column)>? locateValue)
    {
        if (yaml is not null && locateValue?.Invoke(path) is ({ } line, { } column))
        {
            try
            {
                return ExpressionSource.InYaml(yaml, line, column, text);
            }
            catch (ArgumentException)
            {
                // The scalar could not be followed back into the text (should not happen for a parsed document): locate by its start.
                return ExpressionSource.Plain(text, line, column);
            }
        }

        return ExpressionSource.Plain(text);
    }
}

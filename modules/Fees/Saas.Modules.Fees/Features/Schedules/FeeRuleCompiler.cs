namespace Saas.Modules.Fees.Features.Schedules;

/// <summary>A rule with its two expressions compiled against the schedule's schema.</summary>
internal sealed record CompiledRule(FeeRule Rule, CompiledExpression When, CompiledExpression Amount);

/// <summary>
/// The case facts a fee rule may read (docs/adr/0027), declared with their types for the kernel's expression compiler:
/// the person, the case, the tariff line being charged (<c>line.*</c>, <c>base</c>), the fee so far (<c>fee</c>) and
/// every tariff of the schedule by code (<c>tariff.&lt;code&gt;</c>, the amount valid on the calculation's date).
/// </summary>
internal static class FeeRuleCompiler
{
    public const string TariffPrefix = "tariff.";

    public static IReadOnlyList<VariableDeclaration> Facts { get; } =
    [
        new("person.age", ExpressionType.Number),
        new("person.nationalities", ExpressionType.ListOf(ExpressionType.String)),
        new("person.benefits", ExpressionType.ListOf(ExpressionType.String)),
        new("person.refugee", ExpressionType.Bool),
        new("person.scholarship", ExpressionType.Bool),
        new("case.outcome", ExpressionType.String),
        new("case.express", ExpressionType.Bool),
        new("case.legalBasis", ExpressionType.String),
        new("case.date", ExpressionType.Date),
        new("line.code", ExpressionType.String),
        new("line.category", ExpressionType.String),
        new("base", ExpressionType.Euro),
        new("fee", ExpressionType.Euro),
    ];

    public static ExpressionSchema SchemaOf(IEnumerable<string> codes) =>
        new([.. Facts, .. codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => new VariableDeclaration(TariffPrefix + c, ExpressionType.Euro))]);

    /// <summary>
    /// Compiles every rule's <c>when</c> (bool) and <c>amount</c> (money in EUR); errors come back located in
    /// <paramref name="yaml"/> when the caller says where each path's value starts.
    /// </summary>
    public static (IReadOnlyList<CompiledRule> Rules, IReadOnlyList<(string Path, ExpressionError Error)> Errors) Compile(
        IEnumerable<FeeRule> rules, ExpressionSchema schema, string? yaml = null, Func<string, (int? Line, int? Column)>? locateValue = null)
    {
        var compiled = new List<CompiledRule>();
        var errors = new List<(string, ExpressionError)>();
        foreach (var rule in rules)
        {
            var when = Compile(rule.Path + ".when", rule.When, ExpressionType.Bool, schema, yaml, locateValue, errors);
            var amount = Compile(rule.Path + ".amount", rule.Amount, ExpressionType.Euro, schema, yaml, locateValue, errors);
            if (when is not null && amount is not null)
            {
                compiled.Add(new CompiledRule(rule, when, amount));
            }
        }

        return (compiled, errors);
    }

    private static CompiledExpression? Compile(string path, string text, ExpressionType expected, ExpressionSchema schema, string? yaml,
        Func<string, (int? Line, int? Column)>? locateValue, List<(string, ExpressionError)> errors)
    {
        var result = ExpressionCompiler.Compile(Source(text, path, yaml, locateValue), schema, expected);
        errors.AddRange(result.Errors.Select(e => (path, e)));
        return result.Expression;
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
                return ExpressionSource.Plain(text, line, column);
            }
        }

        return ExpressionSource.Plain(text);
    }
}

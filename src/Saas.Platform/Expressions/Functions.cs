using System.Collections.Frozen;

namespace Saas.Platform.Expressions;

/// <summary>
/// The functions an expression may call: a fixed table, no reflection, nothing that reads the clock, the disk or
/// the network. <c>today()</c> is the date the caller passes; list functions cost one step per entry.
/// </summary>
internal static class Functions
{
    public static FrozenDictionary<string, (int Min, int Max)> Arity { get; } = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["length"] = (1, 1),
        ["startsWith"] = (2, 2),
        ["endsWith"] = (2, 2),
        ["contains"] = (2, 2),
        ["upper"] = (1, 1),
        ["lower"] = (1, 1),
        ["trim"] = (1, 1),
        ["count"] = (1, 1),
        ["sum"] = (1, 1),
        ["any"] = (2, 2),
        ["all"] = (2, 2),
        ["min"] = (2, 2),
        ["max"] = (2, 2),
        ["abs"] = (1, 1),
        ["round"] = (1, 2),
        ["amount"] = (1, 1),
        ["today"] = (0, 0),
        ["date"] = (1, 1),
        ["year"] = (1, 1),
        ["month"] = (1, 1),
        ["day"] = (1, 1),
        ["daysBetween"] = (2, 2),
        ["days"] = (1, 1),
        ["months"] = (1, 1),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A function bound to its argument types: its result type and implementation, or which argument is wrong.</summary>
    public sealed record Bound(
        ExpressionType? Type,
        Func<ExpressionValue, ExpressionValue>? Unary = null,
        Func<ExpressionValue[], ExpressionValue>? Many = null,
        Func<ExpressionType, object, ExpressionValue>? List = null,
        int WrongArgument = 0,
        string Expected = "");

    private static Bound Wrong(int argument, string expected) => new(null, WrongArgument: argument, Expected: expected);

    public static Bound Bind(string name, ExpressionType[] types)
    {
        var first = types[0];
        switch (name)
        {
            case "length":
                return first.Kind == TypeKind.String ? new(ExpressionType.Number, static v => ExpressionValue.FromNumber(v.AsString.Length)) : Wrong(0, "string");
            case "upper":
                return first.Kind == TypeKind.String ? new(first, static v => ExpressionValue.FromString(v.AsString.ToUpperInvariant())) : Wrong(0, "string");
            case "lower":
                return first.Kind == TypeKind.String ? new(first, static v => ExpressionValue.FromString(v.AsString.ToLowerInvariant())) : Wrong(0, "string");
            case "trim":
                return first.Kind == TypeKind.String ? new(first, static v => ExpressionValue.FromString(v.AsString.Trim())) : Wrong(0, "string");
            case "startsWith" or "endsWith" or "contains":
                if (first.Kind != TypeKind.String)
                {
                    return Wrong(0, name == "contains" ? "string, list" : "string");
                }

                if (types[1].Kind != TypeKind.String)
                {
                    return Wrong(1, "string");
                }

                return new(ExpressionType.Bool, Many: name switch
                {
                    "startsWith" => static a => ExpressionValue.FromBool(a[0].AsString.StartsWith(a[1].AsString, StringComparison.Ordinal)),
                    "endsWith" => static a => ExpressionValue.FromBool(a[0].AsString.EndsWith(a[1].AsString, StringComparison.Ordinal)),
                    _ => static a => ExpressionValue.FromBool(a[0].AsString.Contains(a[1].AsString, StringComparison.Ordinal)),
                });
            case "count":
                return first.Kind == TypeKind.List ? new(ExpressionType.Number, List: static (_, l) => ExpressionValue.FromNumber(Lists.Count(l))) : Wrong(0, "list");
            case "sum":
                return first is { Kind: TypeKind.List, Element.Kind: TypeKind.Number }
                    ? new(ExpressionType.Number, List: static (_, l) => ExpressionValue.FromNumber(((IReadOnlyList<decimal>)l).Sum()))
                    : first is { Kind: TypeKind.List, Element.Kind: TypeKind.Money }
                        ? new(first.Element, List: static (e, l) => ExpressionValue.FromMoney(new Money(((IReadOnlyList<Money>)l).Sum(m => m.Amount), e.Currency!)))
                        : Wrong(0, "list<number>, list<money>");
            case "min" or "max":
                if (!first.IsOrdered)
                {
                    return Wrong(0, "number, date, money");
                }

                if (types[1] != first)
                {
                    return Wrong(1, first.ToString());
                }

                return new(first, Many: name == "min"
                    ? a => ExpressionValue.Compare(first, a[0], a[1]) <= 0 ? a[0] : a[1]
                    : a => ExpressionValue.Compare(first, a[0], a[1]) >= 0 ? a[0] : a[1]);
            case "abs":
                return first.Kind == TypeKind.Number ? new(first, static v => ExpressionValue.FromNumber(Math.Abs(v.AsNumber)))
                    : first.Kind == TypeKind.Money ? new(first, static v => ExpressionValue.FromMoney(v.AsMoney with { Amount = Math.Abs(v.AsNumber) }))
                    : Wrong(0, "number, money");
            case "round":
                return BindRound(types);
            case "amount":
                return first.Kind == TypeKind.Money ? new(ExpressionType.Number, static v => ExpressionValue.FromNumber(v.AsNumber)) : Wrong(0, "money");
            case "year" or "month" or "day":
                if (first.Kind != TypeKind.Date)
                {
                    return Wrong(0, "date");
                }

                return new(ExpressionType.Number, name switch
                {
                    "year" => static v => ExpressionValue.FromNumber(v.AsDate.Year),
                    "month" => static v => ExpressionValue.FromNumber(v.AsDate.Month),
                    _ => static v => ExpressionValue.FromNumber(v.AsDate.Day),
                });
            case "daysBetween":
                if (first.Kind != TypeKind.Date)
                {
                    return Wrong(0, "date");
                }

                return types[1].Kind == TypeKind.Date
                    ? new(ExpressionType.Number, Many: static a => ExpressionValue.FromNumber(a[1].DayNumber - a[0].DayNumber))
                    : Wrong(1, "date");
            case "days" or "months":
                if (first.Kind != TypeKind.Number)
                {
                    return Wrong(0, "number");
                }

                return new(ExpressionType.Duration, name == "days"
                    ? static v => ExpressionValue.FromDuration(new Duration(0, Whole(v.AsNumber)))
                    : static v => ExpressionValue.FromDuration(new Duration(Whole(v.AsNumber), 0)));
            default:
                throw new InvalidOperationException($"Function {name} has no binding.");
        }
    }

    private static Bound BindRound(ExpressionType[] types)
    {
        var first = types[0];
        if (first.Kind is not (TypeKind.Number or TypeKind.Money))
        {
            return Wrong(0, "number, money");
        }

        if (types.Length == 2 && types[1].Kind != TypeKind.Number)
        {
            return Wrong(1, "number");
        }

        // Commercial rounding (half away from zero), to whole units or to the given number of decimals; money to cents.
        var digits = first.Kind == TypeKind.Money ? 2 : 0;
        if (types.Length == 1)
        {
            return first.Kind == TypeKind.Money
                ? new(first, v => ExpressionValue.FromMoney(v.AsMoney with { Amount = Math.Round(v.AsNumber, digits, MidpointRounding.AwayFromZero) }))
                : new(first, v => ExpressionValue.FromNumber(Math.Round(v.AsNumber, digits, MidpointRounding.AwayFromZero)));
        }

        return first.Kind == TypeKind.Money
            ? new(first, Many: a => ExpressionValue.FromMoney(a[0].AsMoney with { Amount = Math.Round(a[0].AsNumber, Digits(a[1].AsNumber), MidpointRounding.AwayFromZero) }))
            : new(first, Many: a => ExpressionValue.FromNumber(Math.Round(a[0].AsNumber, Digits(a[1].AsNumber), MidpointRounding.AwayFromZero)));
    }

    private static int Digits(decimal value) => value is >= 0 and <= 10 && value == decimal.Truncate(value)
        ? (int)value
        : throw new ExpressionRuntimeException(LocalizedText.Of("platform.expressions.round-digits", ("digits", value)));

    private static int Whole(decimal value) => value == decimal.Truncate(value) && Math.Abs(value) <= 1_000_000
        ? (int)value
        : throw new ExpressionRuntimeException(LocalizedText.Of("platform.expressions.whole-duration", ("amount", value)));
}

namespace Saas.Platform.Expressions;

/// <summary>An amount of money in one currency; never a double.</summary>
public readonly record struct Money(decimal Amount, string Currency) : IFormattable
{
    public static Money Euro(decimal amount) => new(amount, "EUR");

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Amount.ToString("N2", formatProvider) + " " + Currency;

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}

/// <summary>
/// A calendar duration: months and days, added to a date months first (<c>18 months</c> after 31 August is the
/// last day of February, as DateOnly.AddMonths does), then days. Weeks are seven days, years twelve months.
/// </summary>
public readonly record struct Duration(int Months, int Days)
{
    public static Duration operator +(Duration a, Duration b) => new(checked(a.Months + b.Months), checked(a.Days + b.Days));

    public static Duration operator -(Duration a) => new(checked(-a.Months), checked(-a.Days));

    public static Duration Add(Duration a, Duration b) => a + b;

    public static Duration Negate(Duration a) => -a;

    public DateOnly AddTo(DateOnly date) => date.AddMonths(Months).AddDays(Days);

    /// <summary>The duration for people: "18 months", "1 month 10 days", in the reader's language.</summary>
    public LocalizedText Describe()
    {
        var months = LocalizedText.Of("platform.expressions.unit.months", ("count", Months));
        var days = LocalizedText.Of("platform.expressions.unit.days", ("count", Days));
        return (Months, Days) switch
        {
            (0, _) => days,
            (_, 0) => months,
            _ => LocalizedText.Of("platform.expressions.unit.months-and-days", ("months", months), ("days", days)),
        };
    }

    public override string ToString() => $"{Months} months {Days} days";
}

/// <summary>
/// A value during evaluation, without boxing: a number or amount in <see cref="number"/>, a date's day number, a
/// bool or a duration's days in <see cref="bits"/>, a string, currency or list in <see cref="reference"/>.
/// What it is follows from the compiled expression's types, so it carries no tag of its own.
/// </summary>
public readonly struct ExpressionValue
{
    private readonly decimal number;
    private readonly long bits;
    private readonly object? reference;

    private ExpressionValue(decimal number, long bits, object? reference)
    {
        this.number = number;
        this.bits = bits;
        this.reference = reference;
    }

    internal static readonly ExpressionValue True = new(0, 1, null);
    internal static readonly ExpressionValue False = new(0, 0, null);

    public static ExpressionValue FromBool(bool value) => value ? True : False;

    public static ExpressionValue FromNumber(decimal value) => new(value, 0, null);

    public static ExpressionValue FromString(string value) => new(0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static ExpressionValue FromDate(DateOnly value) => new(0, value.DayNumber, null);

    public static ExpressionValue FromDuration(Duration value) => new(value.Months, value.Days, null);

    public static ExpressionValue FromMoney(Money value) => new(value.Amount, 0, value.Currency ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A list: its entries as one of string[], decimal[], DateOnly[], Money[], Duration[] or bool[] (or read-only lists of them).</summary>
    internal static ExpressionValue FromList(object list) => new(0, 0, list);

    public bool AsBool => bits != 0;

    public decimal AsNumber => number;

    public string AsString => (string)reference!;

    public DateOnly AsDate => DateOnly.FromDayNumber((int)bits);

    internal int DayNumber => (int)bits;

    public Duration AsDuration => new((int)number, (int)bits);

    public Money AsMoney => new(number, (string)reference!);

    internal object AsList => reference!;

    /// <summary>The value as an object of its type (for tests and callers that do not know the type statically).</summary>
    public object? Box(ExpressionType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            TypeKind.Bool => AsBool,
            TypeKind.Number => AsNumber,
            TypeKind.String => AsString,
            TypeKind.Date => AsDate,
            TypeKind.Duration => AsDuration,
            TypeKind.Money => AsMoney,
            TypeKind.List => reference,
            _ => null,
        };
    }

    /// <summary>Equality of two values of the same type.</summary>
    internal static bool Same(ExpressionType type, in ExpressionValue a, in ExpressionValue b) => type.Kind switch
    {
        TypeKind.String => string.Equals((string)a.reference!, (string)b.reference!, StringComparison.Ordinal),
        TypeKind.Bool or TypeKind.Date => a.bits == b.bits,
        TypeKind.Number or TypeKind.Money => a.number == b.number,
        TypeKind.Duration => a.number == b.number && a.bits == b.bits,
        _ => false,
    };

    /// <summary>Order of two values of an ordered type (number, date, money of one currency).</summary>
    internal static int Compare(ExpressionType type, in ExpressionValue a, in ExpressionValue b) =>
        type.Kind == TypeKind.Date ? a.bits.CompareTo(b.bits) : a.number.CompareTo(b.number);

    /// <summary>The value as an argument of a text (the catalogue writes it in the reader's culture).</summary>
    internal object Display(ExpressionType type) => type.Kind switch
    {
        TypeKind.Bool => new LocalizedText(AsBool ? "platform.expressions.value.true" : "platform.expressions.value.false"),
        TypeKind.Duration => AsDuration.Describe(),
        TypeKind.String => AsString,
        TypeKind.List => new ListDisplay(type.Element!, reference!),
        _ => Box(type)!,
    };

    /// <summary>A list written for people: its entries separated by commas, at most ten.</summary>
    private sealed class ListDisplay(ExpressionType element, object list) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider)
        {
            var count = Lists.Count(list);
            var parts = new List<string>();
            for (var i = 0; i < Math.Min(count, 10); i++)
            {
                var item = Lists.At(element, list, i).Box(element);
                parts.Add(element.Kind == TypeKind.String ? $"\"{item}\"" : Convert.ToString(item, formatProvider) ?? "");
            }

            return "[" + string.Join(", ", parts) + (count > 10 ? ", …]" : "]");
        }

        public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
    }
}

/// <summary>Reading the lists a value holds, whatever collection the caller passed.</summary>
internal static class Lists
{
    public static int Count(object list) => list switch
    {
        string[] a => a.Length,
        System.Collections.ICollection c => c.Count,
        IReadOnlyCollection<string> s => s.Count,
        IReadOnlyCollection<decimal> d => d.Count,
        IReadOnlyCollection<DateOnly> d => d.Count,
        IReadOnlyCollection<Money> m => m.Count,
        IReadOnlyCollection<Duration> m => m.Count,
        IReadOnlyCollection<bool> b => b.Count,
        _ => throw new InvalidOperationException("Not a list value."),
    };

    public static ExpressionValue At(ExpressionType element, object list, int index) => element.Kind switch
    {
        TypeKind.String when list is string[] a => ExpressionValue.FromString(a[index]),
        TypeKind.String => ExpressionValue.FromString(((IReadOnlyList<string>)list)[index]),
        TypeKind.Number => ExpressionValue.FromNumber(((IReadOnlyList<decimal>)list)[index]),
        TypeKind.Date => ExpressionValue.FromDate(((IReadOnlyList<DateOnly>)list)[index]),
        TypeKind.Money => ExpressionValue.FromMoney(((IReadOnlyList<Money>)list)[index]),
        TypeKind.Duration => ExpressionValue.FromDuration(((IReadOnlyList<Duration>)list)[index]),
        TypeKind.Bool => ExpressionValue.FromBool(((IReadOnlyList<bool>)list)[index]),
        _ => throw new InvalidOperationException("Not a list of scalars."),
    };

    /// <summary>A new list of <paramref name="element"/> values (a list literal whose entries are computed).</summary>
    public static object Make(ExpressionType element, ExpressionValue[] values) => element.Kind switch
    {
        TypeKind.String => values.Select(v => v.AsString).ToArray(),
        TypeKind.Number => values.Select(v => v.AsNumber).ToArray(),
        TypeKind.Date => values.Select(v => v.AsDate).ToArray(),
        TypeKind.Money => values.Select(v => v.AsMoney).ToArray(),
        TypeKind.Duration => values.Select(v => v.AsDuration).ToArray(),
        TypeKind.Bool => values.Select(v => v.AsBool).ToArray(),
        _ => throw new InvalidOperationException("Not a list of scalars."),
    };
}

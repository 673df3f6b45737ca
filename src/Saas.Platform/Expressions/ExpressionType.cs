namespace Saas.Platform.Expressions;

/// <summary>The kinds of value an expression works with (docs/adr/0021).</summary>
public enum TypeKind
{
    /// <summary>A part that did not type-check; it hides the errors that would only follow from the first one.</summary>
    Error,
    Bool,
    Number,
    String,
    Date,
    Duration,
    Money,
    List,
}

/// <summary>
/// The type of an expression or a declared variable: <c>bool</c>, <c>number</c> (System.Decimal), <c>string</c>,
/// <c>date</c> (DateOnly), <c>duration</c> (months and days), <c>money</c> / <c>money&lt;USD&gt;</c> (an amount in one
/// currency, EUR unless named) or <c>list&lt;T&gt;</c> of one of the scalar types.
/// </summary>
public sealed record ExpressionType
{
    private ExpressionType(TypeKind kind, string? currency, ExpressionType? element)
    {
        Kind = kind;
        Currency = currency;
        Element = element;
    }

    public TypeKind Kind { get; }

    /// <summary>The currency of a money type (ISO 4217 code).</summary>
    public string? Currency { get; }

    /// <summary>The type of a list's entries.</summary>
    public ExpressionType? Element { get; }

    public static ExpressionType Bool { get; } = new(TypeKind.Bool, null, null);

    public static ExpressionType Number { get; } = new(TypeKind.Number, null, null);

    public static ExpressionType String { get; } = new(TypeKind.String, null, null);

    public static ExpressionType Date { get; } = new(TypeKind.Date, null, null);

    public static ExpressionType Duration { get; } = new(TypeKind.Duration, null, null);

    public static ExpressionType Euro { get; } = new(TypeKind.Money, "EUR", null);

    internal static ExpressionType Error { get; } = new(TypeKind.Error, null, null);

    public static ExpressionType Money(string currency)
    {
        ArgumentException.ThrowIfNullOrEmpty(currency);
        return currency == "EUR" ? Euro : new ExpressionType(TypeKind.Money, currency, null);
    }

    public static ExpressionType ListOf(ExpressionType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Kind is TypeKind.List or TypeKind.Error)
        {
            throw new ArgumentException("A list holds scalars.", nameof(element));
        }

        return new ExpressionType(TypeKind.List, null, element);
    }

    public bool IsError => Kind == TypeKind.Error;

    /// <summary>Whether <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> order values of this type.</summary>
    internal bool IsOrdered => Kind is TypeKind.Number or TypeKind.Date or TypeKind.Money;

    /// <summary>Reads a declared type as written in a definition: <c>string</c>, <c>money</c>, <c>list&lt;date&gt;</c>, …</summary>
    public static bool TryParse(string? text, out ExpressionType type)
    {
        type = Error;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim();
        if (t.StartsWith("list<", StringComparison.Ordinal) && t.EndsWith('>'))
        {
            if (TryParse(t[5..^1], out var element) && element.Kind is not TypeKind.List)
            {
                type = ListOf(element);
                return true;
            }

            return false;
        }

        if (t.StartsWith("money<", StringComparison.Ordinal) && t.EndsWith('>'))
        {
            var currency = t[6..^1];
            if (IsCurrencyCode(currency))
            {
                type = Money(currency);
                return true;
            }

            return false;
        }

        ExpressionType? found = t switch
        {
            "bool" => Bool,
            "number" => Number,
            "string" => String,
            "date" => Date,
            "duration" => Duration,
            "money" => Euro,
            _ => null,
        };
        type = found ?? Error;
        return found is not null;
    }

    /// <summary>Three capital letters (ISO 4217 form).</summary>
    internal static bool IsCurrencyCode(string text) => text.Length == 3 && text.All(char.IsAsciiLetterUpper);

    public override string ToString() => Kind switch
    {
        TypeKind.Bool => "bool",
        TypeKind.Number => "number",
        TypeKind.String => "string",
        TypeKind.Date => "date",
        TypeKind.Duration => "duration",
        TypeKind.Money => Currency == "EUR" ? "money" : $"money<{Currency}>",
        TypeKind.List => $"list<{Element}>",
        _ => "?",
    };
}

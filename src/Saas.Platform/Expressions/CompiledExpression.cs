namespace Saas.Platform.Expressions;

/// <summary>What one evaluation gave: the value (of the expression's type), or the error that stopped it; and, if asked, why.</summary>
public readonly record struct ExpressionResult(ExpressionValue Value, ExpressionType Type, LocalizedText? Error, LocalizedText? Explanation)
{
    public bool Succeeded => Error is null;

    /// <summary>Whether a bool expression (a guard) evaluated to true; false when it failed to evaluate.</summary>
    public bool IsTrue => Error is null && Type.Kind == TypeKind.Bool && Value.AsBool;

    /// <summary>The value as an object (bool, decimal, string, DateOnly, Duration, Money, or the list).</summary>
    public object? Boxed => Error is null ? Value.Box(Type) : null;
}

/// <summary>
/// A type-checked expression, ready to evaluate any number of times, from any thread: it holds no state between
/// evaluations. Evaluating reads only the values and the date passed in, so the same inputs give the same result.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Node root;
    private readonly int maxSteps;
    private readonly int locals;

    internal CompiledExpression(Node root, string text, ExpressionSchema schema, int maxSteps, int locals, int nodes)
    {
        this.root = root;
        Text = text;
        Schema = schema;
        this.maxSteps = maxSteps;
        this.locals = locals;
        NodeCount = nodes;
    }

    public string Text { get; }

    public ExpressionType Type => root.Type;

    public ExpressionSchema Schema { get; }

    public int NodeCount { get; }

    /// <summary>Today's date where the authority is, from the caller's clock (the expression never reads the system clock).</summary>
    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }

    public ExpressionResult Evaluate(ExpressionValues values, TimeProvider clock, TimeZoneInfo zone, bool explain = false) =>
        Evaluate(values, Today(clock, zone), explain);

    /// <param name="today">What <c>today()</c> is.</param>
    /// <param name="explain">Also say why a bool expression came out as it did (evaluates the deciding parts again).</param>
    /// <param name="steps">The step budget, when the caller wants less than the compiled limit.</param>
    public ExpressionResult Evaluate(ExpressionValues values, DateOnly today, bool explain = false, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!ReferenceEquals(values.Schema, Schema))
        {
            throw new ArgumentException("The values belong to another schema.", nameof(values));
        }

        var run = new Run(values, today, steps is { } budget && budget < maxSteps ? budget : maxSteps, locals, Text);
        ExpressionValue value;
        try
        {
            value = root.Type.Kind == TypeKind.Bool ? ExpressionValue.FromBool(root.Test(ref run)) : root.Evaluate(ref run);
        }
        catch (Exception stopped) when (Stopped(stopped) is { } error)
        {
            return new ExpressionResult(default, root.Type, error, null);
        }

        return explain && root.Type.Kind == TypeKind.Bool ? Explain(ref run, value) : new ExpressionResult(value, root.Type, null, null);
    }

    /// <summary>
    /// Whether a bool expression (a guard) holds, or null when its evaluation stopped with an error — the fast path
    /// for checking many guards; <see cref="Evaluate(ExpressionValues, DateOnly, bool, int?)"/> with the same inputs
    /// gives the same answer with its error or explanation.
    /// </summary>
    public bool? Holds(ExpressionValues values, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (root.Type.Kind != TypeKind.Bool || !ReferenceEquals(values.Schema, Schema))
        {
            throw new InvalidOperationException("Holds needs a bool expression and values of its schema.");
        }

        var run = new Run(values, today, maxSteps, locals, Text);
        try
        {
            return root.Test(ref run);
        }
        catch (Exception stopped) when (Stopped(stopped) is not null)
        {
            return null;
        }
    }

    private ExpressionResult Explain(ref Run run, ExpressionValue value)
    {
        try
        {
            var reason = root.Why(ref run, value.AsBool);
            var why = LocalizedText.Of(value.AsBool ? "platform.expressions.explain.met" : "platform.expressions.explain.failed", ("reason", reason));
            return new ExpressionResult(value, root.Type, null, why);
        }
        catch (Exception stopped) when (Stopped(stopped) is { } error)
        {
            return new ExpressionResult(default, root.Type, error, null);
        }
    }

    /// <summary>The error an evaluation stopped with (budget, division by zero, overflow, a date beyond the calendar), or null for a bug.</summary>
    private static LocalizedText? Stopped(Exception exception) => exception switch
    {
        ExpressionRuntimeException e => e.Text,
        DivideByZeroException => new LocalizedText("platform.expressions.division-by-zero"),
        OverflowException => new LocalizedText("platform.expressions.overflow"),
        // DateOnly.AddMonths/AddDays beyond year 9999 or before year 1.
        ArgumentOutOfRangeException => new LocalizedText("platform.expressions.date-out-of-range"),
        _ => null,
    };

    public override string ToString() => Text;
}

namespace Saas.Platform.Expressions;

/// <summary>One evaluation's state: the values, the caller's date, the steps left and the list functions' parameters.</summary>
internal struct Run
{
    public Run(ExpressionValues values, DateOnly today, int steps, int locals, string source)
    {
        Values = values;
        Today = today;
        StepsLeft = steps;
        MaxSteps = steps;
        Locals = locals == 0 ? [] : new ExpressionValue[locals];
        Source = source;
    }

    public ExpressionValues Values { get; }

    public DateOnly Today { get; }

    public int StepsLeft;

    public int MaxSteps { get; }

    public ExpressionValue[] Locals { get; }

    public string Source { get; }

    /// <summary>Counts one step of the budget; the evaluation stops with an error when it is spent.</summary>
    public void Step()
    {
        if (--StepsLeft < 0)
        {
            Spent(MaxSteps);
        }
    }

    // Out of line, so that Step stays small enough to be inlined into every node.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Spent(int max) =>
        throw new ExpressionRuntimeException(LocalizedText.Of("platform.expressions.steps-exhausted", ("max", max)));
}

/// <summary>An evaluation that cannot go on (budget spent, division by zero, a value missing); never leaves the compiled expression.</summary>
internal sealed class ExpressionRuntimeException(LocalizedText text) : Exception(text.Key)
{
    public LocalizedText Text { get; } = text;
}

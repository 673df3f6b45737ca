namespace Saas.Platform.Expressions;

/// <summary>
/// A typed, compiled part of an expression. Evaluating walks these nodes (no reflection, no code generation): each
/// node costs one step of the budget, each entry a list function visits one more.
/// </summary>
internal abstract class Node(ExpressionType type, int start, int end)
{
    public ExpressionType Type { get; } = type;

    public int Start { get; } = start;

    public int End { get; } = end;

    public abstract ExpressionValue Evaluate(ref Run run);

    /// <summary>A bool node's value without the value struct around it (guards take this path).</summary>
    public virtual bool Test(ref Run run) => Evaluate(ref run).AsBool;

    /// <summary>A literal is shown by its value alone in explanations.</summary>
    public virtual bool IsLiteral => false;

    /// <summary>Why this bool node came out as <paramref name="outcome"/>, for a caseworker.</summary>
    public virtual LocalizedText Why(ref Run run, bool outcome) =>
        LocalizedText.Of("platform.expressions.explain.is", ("expression", Text(in run)), ("value", ExpressionValue.FromBool(outcome).Display(Type)));

    public string Text(in Run run) => run.Source[Start..End];

    /// <summary>The node and its value as an explanation shows them: "form.income (1.200,00 EUR)", or the value alone for a literal.</summary>
    public object Describe(in Run run, in ExpressionValue value)
    {
        var shown = Type.Kind == TypeKind.String ? LocalizedText.Of("platform.expressions.value.string", ("value", value.AsString)) : value.Display(Type);
        return IsLiteral ? shown : LocalizedText.Of("platform.expressions.explain.operand", ("expression", Text(in run)), ("value", shown));
    }
}

internal sealed class ConstantNode(ExpressionType type, int start, int end, ExpressionValue value) : Node(type, start, end)
{
    public override bool IsLiteral => true;

    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return value;
    }
}

internal sealed class VariableNode(VariableDeclaration declaration, int slot, int start, int end) : Node(declaration.Type, start, end)
{
    public VariableDeclaration Declaration { get; } = declaration;

    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        if (!run.Values.TryGet(slot, out var value))
        {
            Unset(Declaration.Name);
        }

        return value;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Unset(string name) =>
        throw new ExpressionRuntimeException(LocalizedText.Of("platform.expressions.unset-variable", ("name", name)));
}

/// <summary>The parameter of a list function's condition (<c>d</c> in <c>any(documents, d => …)</c>).</summary>
internal sealed class LocalNode(ExpressionType type, int index, int start, int end) : Node(type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return run.Locals[index];
    }
}

internal sealed class NotNode(Node operand, int start, int end) : Node(ExpressionType.Bool, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return ExpressionValue.FromBool(!operand.Test(ref run));
    }

    public override bool Test(ref Run run)
    {
        run.Step();
        return !operand.Test(ref run);
    }

    public override LocalizedText Why(ref Run run, bool outcome) => operand.Why(ref run, !outcome);
}

/// <summary><c>and</c> (all operands of a chain, left to right, stopping at the first false one) or <c>or</c> (stopping at the first true one).</summary>
internal sealed class LogicNode(bool isAnd, Node[] operands, int start, int end) : Node(ExpressionType.Bool, start, end)
{
    public override ExpressionValue Evaluate(ref Run run) => ExpressionValue.FromBool(Test(ref run));

    public override bool Test(ref Run run)
    {
        run.Step();
        foreach (var operand in operands)
        {
            if (operand.Test(ref run) != isAnd)
            {
                return !isAnd;
            }
        }

        return isAnd;
    }

    public override LocalizedText Why(ref Run run, bool outcome)
    {
        if (outcome != isAnd)
        {
            // The operand that decided it: the first false one of an and, the first true one of an or.
            foreach (var operand in operands)
            {
                if (operand.Evaluate(ref run).AsBool == outcome)
                {
                    return operand.Why(ref run, outcome);
                }
            }
        }

        // All of them mattered: every operand of a true and, every operand of a false or.
        LocalizedText? reasons = null;
        foreach (var operand in operands)
        {
            var reason = operand.Why(ref run, outcome);
            reasons = reasons is null ? reason : LocalizedText.Of("platform.expressions.explain.join", ("first", reasons), ("next", reason));
        }

        return reasons!;
    }
}

internal enum Comparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal sealed class CompareNode(Comparison comparison, Node left, Node right, int start, int end) : Node(ExpressionType.Bool, start, end)
{
    public override ExpressionValue Evaluate(ref Run run) => ExpressionValue.FromBool(Test(ref run));

    public override bool Test(ref Run run)
    {
        run.Step();
        var a = left.Evaluate(ref run);
        var b = right.Evaluate(ref run);
        return Holds(in a, in b);
    }

    private bool Holds(in ExpressionValue a, in ExpressionValue b) => comparison switch
    {
        Comparison.Equal => ExpressionValue.Same(left.Type, a, b),
        Comparison.NotEqual => !ExpressionValue.Same(left.Type, a, b),
        Comparison.Less => ExpressionValue.Compare(left.Type, a, b) < 0,
        Comparison.LessOrEqual => ExpressionValue.Compare(left.Type, a, b) <= 0,
        Comparison.Greater => ExpressionValue.Compare(left.Type, a, b) > 0,
        _ => ExpressionValue.Compare(left.Type, a, b) >= 0,
    };

    public override LocalizedText Why(ref Run run, bool outcome)
    {
        var a = left.Evaluate(ref run);
        var b = right.Evaluate(ref run);
        var family = left.Type.Kind == TypeKind.Date ? "date" : "value";
        var relation = new LocalizedText($"platform.expressions.op.{family}.{comparison.ToString().ToLowerInvariant()}");
        return LocalizedText.Of(outcome ? "platform.expressions.explain.compare-holds" : "platform.expressions.explain.compare-fails",
            ("left", left.Describe(in run, in a)), ("relation", relation), ("right", right.Describe(in run, in b)));
    }
}

/// <summary>An operator on two values whose types the compiler checked (<c>+ - * /</c> on numbers, money, dates, durations, strings).</summary>
internal sealed class ArithmeticNode(ExpressionType type, Func<ExpressionValue, ExpressionValue, ExpressionValue> apply, Node left, Node right, int start, int end)
    : Node(type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        var a = left.Evaluate(ref run);
        var b = right.Evaluate(ref run);
        return apply(a, b);
    }
}

/// <summary>An operation on one value (unary minus, and the one-argument functions).</summary>
internal sealed class UnaryNode(ExpressionType type, Func<ExpressionValue, ExpressionValue> apply, Node operand, int start, int end) : Node(type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return apply(operand.Evaluate(ref run));
    }
}

internal sealed class IfNode(Node condition, Node then, Node otherwise, int start, int end) : Node(then.Type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return condition.Test(ref run) ? then.Evaluate(ref run) : otherwise.Evaluate(ref run);
    }

    public override LocalizedText Why(ref Run run, bool outcome) =>
        condition.Evaluate(ref run).AsBool ? then.Why(ref run, outcome) : otherwise.Why(ref run, outcome);
}

internal sealed class TodayNode(int start, int end) : Node(ExpressionType.Date, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return ExpressionValue.FromDate(run.Today);
    }
}

/// <summary>A list literal whose entries are computed (<c>[case.a, case.b]</c>); a list of literals is a <see cref="ConstantNode"/>.</summary>
internal sealed class ListNode(ExpressionType type, Node[] items, int start, int end) : Node(type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        var values = new ExpressionValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(ref run);
        }

        return ExpressionValue.FromList(Lists.Make(Type.Element!, values));
    }
}

/// <summary><c>x in list</c>, <c>x not in list</c>, <c>contains(list, x)</c>: one step per entry looked at.</summary>
internal sealed class InNode(bool negated, Node item, Node list, int start, int end) : Node(ExpressionType.Bool, start, end)
{
    public override ExpressionValue Evaluate(ref Run run) => ExpressionValue.FromBool(Test(ref run));

    public override bool Test(ref Run run)
    {
        run.Step();
        var x = item.Evaluate(ref run);
        var l = list.Evaluate(ref run).AsList;
        return Contains(ref run, in x, l) != negated;
    }

    private bool Contains(ref Run run, in ExpressionValue x, object l)
    {
        var element = list.Type.Element!;
        if (l is string[] array)
        {
            // Arrays first: a cast of an array to a generic interface, and calls through it, cost more than the search.
            var wanted = x.AsString;
            foreach (var entry in array)
            {
                run.Step();
                if (string.Equals(entry, wanted, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        if (element.Kind == TypeKind.String && l is IReadOnlyList<string> strings)
        {
            var wanted = x.AsString;
            for (var i = 0; i < strings.Count; i++)
            {
                run.Step();
                if (string.Equals(strings[i], wanted, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        var count = Lists.Count(l);
        for (var i = 0; i < count; i++)
        {
            run.Step();
            if (ExpressionValue.Same(element, Lists.At(element, l, i), x))
            {
                return true;
            }
        }

        return false;
    }

    public override LocalizedText Why(ref Run run, bool outcome)
    {
        var x = item.Evaluate(ref run);
        var l = list.Evaluate(ref run);
        var present = outcome != negated;
        if (list is VariableNode { Declaration.Label: { } label })
        {
            // "evidence "arbeitsvertrag" missing": the list is a declared kind of thing, the item one of them.
            return LocalizedText.Of(present ? "platform.expressions.explain.present" : "platform.expressions.explain.missing",
                ("subject", label), ("value", x.Display(item.Type)));
        }

        return LocalizedText.Of(present ? "platform.expressions.explain.in" : "platform.expressions.explain.not-in",
            ("item", item.Describe(in run, in x)), ("list", list.Describe(in run, in l)));
    }
}

/// <summary><c>any(list, x => condition)</c> or <c>all(list, x => condition)</c>, stopping at the first entry that decides.</summary>
internal sealed class QuantifierNode(bool all, Node list, int local, Node condition, int start, int end) : Node(ExpressionType.Bool, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        return ExpressionValue.FromBool(Decider(ref run) < 0 == all);
    }

    /// <summary>The index of the first entry that decides (false for all, true for any), or -1.</summary>
    private int Decider(ref Run run)
    {
        var l = list.Evaluate(ref run).AsList;
        var element = list.Type.Element!;
        var count = Lists.Count(l);
        for (var i = 0; i < count; i++)
        {
            run.Step();
            run.Locals[local] = Lists.At(element, l, i);
            if (condition.Test(ref run) != all)
            {
                return i;
            }
        }

        return -1;
    }

    public override LocalizedText Why(ref Run run, bool outcome)
    {
        var l = list.Evaluate(ref run);
        var decider = Decider(ref run);
        if (decider < 0)
        {
            return LocalizedText.Of(all ? "platform.expressions.explain.all-hold" : "platform.expressions.explain.none-holds",
                ("list", list.Describe(in run, in l)), ("condition", condition.Text(in run)));
        }

        // The entry that decided, and why the condition came out as it did for it (Decider left it in the parameter).
        var entry = run.Locals[local];
        var reason = condition.Why(ref run, !all);
        return LocalizedText.Of("platform.expressions.explain.for-entry", ("entry", entry.Display(list.Type.Element!)), ("reason", reason));
    }
}

/// <summary>A function of several arguments, evaluated in order.</summary>
internal sealed class CallNode(ExpressionType type, Func<ExpressionValue[], ExpressionValue> apply, Node[] arguments, int start, int end) : Node(type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        var values = new ExpressionValue[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i].Evaluate(ref run);
        }

        return apply(values);
    }
}

/// <summary>A function over a list's entries (count, sum), one step per entry.</summary>
internal sealed class ListFunctionNode(ExpressionType type, Func<ExpressionType, object, ExpressionValue> apply, Node list, int start, int end) : Node(type, start, end)
{
    public override ExpressionValue Evaluate(ref Run run)
    {
        run.Step();
        var l = list.Evaluate(ref run).AsList;
        var count = Lists.Count(l);
        run.StepsLeft -= count;
        if (run.StepsLeft < 0)
        {
            run.Step(); // spent: throws the budget's error
        }
        return apply(list.Type.Element!, l);
    }
}

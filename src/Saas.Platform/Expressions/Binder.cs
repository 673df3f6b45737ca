namespace Saas.Platform.Expressions;

/// <summary>
/// The type checker: turns parsed syntax into typed nodes against the declared variables, or records located
/// errors. A part that does not type-check gets the error type, which the parts around it accept silently, so one
/// mistake is reported once.
/// </summary>
internal sealed class Binder(ExpressionSchema schema, List<(int Offset, LocalizedText Message)> errors)
{
    private readonly Dictionary<string, (int Index, ExpressionType Type)> locals = new(StringComparer.Ordinal);

    public int LocalCount { get; private set; }

    private static readonly ExpressionValue Zero = ExpressionValue.FromNumber(0);

    private Node Fail(Syntax at, int offset, string key, params (string Name, object? Value)[] arguments)
    {
        errors.Add((offset, LocalizedText.Of("platform.expressions." + key, arguments)));
        return new ConstantNode(ExpressionType.Error, at.Start, at.End, Zero);
    }

    private Node Fail(Syntax at, string key, params (string Name, object? Value)[] arguments) => Fail(at, at.Start, key, arguments);

    public Node Bind(Syntax syntax) => syntax switch
    {
        NumberSyntax n => new ConstantNode(ExpressionType.Number, n.Start, n.End, ExpressionValue.FromNumber(n.Value)),
        StringSyntax s => new ConstantNode(ExpressionType.String, s.Start, s.End, ExpressionValue.FromString(s.Value)),
        BoolSyntax b => new ConstantNode(ExpressionType.Bool, b.Start, b.End, ExpressionValue.FromBool(b.Value)),
        QuantitySyntax q => BindQuantity(q),
        NameSyntax n => BindName(n),
        ListSyntax l => BindList(l),
        UnarySyntax u => BindUnary(u),
        BinarySyntax b => BindBinary(b),
        InSyntax i => BindIn(i),
        IfSyntax i => BindIf(i),
        CallSyntax c => BindCall(c),
        LambdaSyntax l => Fail(l, "lambda-not-allowed"),
        _ => throw new InvalidOperationException("Unknown syntax."),
    };

    private Node BindQuantity(QuantitySyntax q)
    {
        if (ExpressionType.IsCurrencyCode(q.Unit))
        {
            return new ConstantNode(ExpressionType.Money(q.Unit), q.Start, q.End, ExpressionValue.FromMoney(new Money(q.Amount, q.Unit)));
        }

        int? months = q.Unit switch
        {
            "month" or "months" => 1,
            "year" or "years" => 12,
            _ => null,
        };
        int? days = q.Unit switch
        {
            "day" or "days" => 1,
            "week" or "weeks" => 7,
            _ => null,
        };
        if (months is null && days is null)
        {
            return Fail(q, q.UnitStart, "unknown-unit", ("unit", q.Unit));
        }

        if (q.Amount != decimal.Truncate(q.Amount) || q.Amount > 100_000)
        {
            return Fail(q, "whole-duration", ("amount", q.Amount));
        }

        var amount = (int)q.Amount;
        var duration = new Duration(amount * (months ?? 0), amount * (days ?? 0));
        return new ConstantNode(ExpressionType.Duration, q.Start, q.End, ExpressionValue.FromDuration(duration));
    }

    private Node BindName(NameSyntax n)
    {
        if (locals.TryGetValue(n.Name, out var local))
        {
            return new LocalNode(local.Type, local.Index, n.Start, n.End);
        }

        if (schema.TryFind(n.Name, out var slot))
        {
            return new VariableNode(schema.Variables[slot], slot, n.Start, n.End);
        }

        return Fail(n, "unknown-variable", ("name", n.Name));
    }

    private Node BindList(ListSyntax l)
    {
        if (l.Items.Count == 0)
        {
            return Fail(l, "empty-list");
        }

        var items = l.Items.Select(Bind).ToArray();
        if (items.Any(i => i.Type.IsError))
        {
            return new ConstantNode(ExpressionType.Error, l.Start, l.End, Zero);
        }

        var element = items[0].Type;
        if (element.Kind == TypeKind.List)
        {
            return Fail(l.Items[0], "list-nested");
        }

        for (var i = 1; i < items.Length; i++)
        {
            if (items[i].Type != element)
            {
                return Fail(l.Items[i], "list-mixed", ("first", element), ("other", items[i].Type));
            }
        }

        var type = ExpressionType.ListOf(element);
        if (items.All(i => i.IsLiteral))
        {
            var run = new Run(schema.NewValues(), default, int.MaxValue, 0, "");
            var values = items.Select(i => i.Evaluate(ref run)).ToArray();
            return new ConstantNode(type, l.Start, l.End, ExpressionValue.FromList(Lists.Make(element, values)));
        }

        return new ListNode(type, items, l.Start, l.End);
    }

    private Node BindUnary(UnarySyntax u)
    {
        var operand = Bind(u.Operand);
        if (operand.Type.IsError)
        {
            return operand;
        }

        if (u.Operator == TokenKind.Not)
        {
            return operand.Type.Kind == TypeKind.Bool
                ? new NotNode(operand, u.Start, u.End)
                : Fail(u, "unary-type", ("operator", "not"), ("operand", operand.Type));
        }

        return operand.Type.Kind switch
        {
            TypeKind.Number => new UnaryNode(operand.Type, static v => ExpressionValue.FromNumber(-v.AsNumber), operand, u.Start, u.End),
            TypeKind.Money => new UnaryNode(operand.Type, static v => ExpressionValue.FromMoney(v.AsMoney with { Amount = -v.AsNumber }), operand, u.Start, u.End),
            TypeKind.Duration => new UnaryNode(operand.Type, static v => ExpressionValue.FromDuration(-v.AsDuration), operand, u.Start, u.End),
            _ => Fail(u, "unary-type", ("operator", "-"), ("operand", operand.Type)),
        };
    }

    private static string Symbol(TokenKind kind) => kind switch
    {
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Times => "*",
        TokenKind.Divide => "/",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterOrEqual => ">=",
        TokenKind.And => "and",
        TokenKind.Or => "or",
        _ => kind.ToString(),
    };

    private Node BindBinary(BinarySyntax b)
    {
        if (b.Operator is TokenKind.And or TokenKind.Or)
        {
            return BindLogic(b);
        }

        var left = Bind(b.Left);
        var right = Bind(b.Right);
        if (left.Type.IsError || right.Type.IsError)
        {
            return new ConstantNode(ExpressionType.Error, b.Start, b.End, Zero);
        }

        var op = Symbol(b.Operator);
        if (left.Type.Kind == TypeKind.Money && right.Type.Kind == TypeKind.Money && left.Type.Currency != right.Type.Currency
            && b.Operator is not (TokenKind.Times))
        {
            return Fail(b, b.OperatorStart, "currency-mismatch", ("operator", op), ("left", left.Type), ("right", right.Type));
        }

        var comparison = b.Operator switch
        {
            TokenKind.Equal => Comparison.Equal,
            TokenKind.NotEqual => Comparison.NotEqual,
            TokenKind.Less => Comparison.Less,
            TokenKind.LessOrEqual => Comparison.LessOrEqual,
            TokenKind.Greater => Comparison.Greater,
            TokenKind.GreaterOrEqual => (Comparison?)Comparison.GreaterOrEqual,
            _ => null,
        };
        if (comparison is { } c)
        {
            if (left.Type != right.Type || left.Type.Kind == TypeKind.List)
            {
                return Fail(b, b.OperatorStart, "operator-types", ("operator", op), ("left", left.Type), ("right", right.Type));
            }

            if (c is not (Comparison.Equal or Comparison.NotEqual) && !left.Type.IsOrdered)
            {
                return Fail(b, b.OperatorStart, "not-ordered", ("operator", op), ("type", left.Type));
            }

            return new CompareNode(c, left, right, b.Start, b.End);
        }

        var (type, apply) = Arithmetic(b.Operator, left.Type, right.Type);
        return apply is null
            ? Fail(b, b.OperatorStart, "operator-types", ("operator", op), ("left", left.Type), ("right", right.Type))
            : new ArithmeticNode(type!, apply, left, right, b.Start, b.End);
    }

    /// <summary>What an arithmetic operator means for two types, or nothing.</summary>
    private static (ExpressionType? Type, Func<ExpressionValue, ExpressionValue, ExpressionValue>? Apply) Arithmetic(TokenKind op, ExpressionType l, ExpressionType r) =>
        (op, l.Kind, r.Kind) switch
        {
            (TokenKind.Plus, TypeKind.Number, TypeKind.Number) => (l, static (a, b) => ExpressionValue.FromNumber(a.AsNumber + b.AsNumber)),
            (TokenKind.Minus, TypeKind.Number, TypeKind.Number) => (l, static (a, b) => ExpressionValue.FromNumber(a.AsNumber - b.AsNumber)),
            (TokenKind.Times, TypeKind.Number, TypeKind.Number) => (l, static (a, b) => ExpressionValue.FromNumber(a.AsNumber * b.AsNumber)),
            (TokenKind.Divide, TypeKind.Number, TypeKind.Number) => (l, static (a, b) => ExpressionValue.FromNumber(a.AsNumber / b.AsNumber)),
            (TokenKind.Plus, TypeKind.Money, TypeKind.Money) => (l, static (a, b) => ExpressionValue.FromMoney(new Money(a.AsNumber + b.AsNumber, a.AsMoney.Currency))),
            (TokenKind.Minus, TypeKind.Money, TypeKind.Money) => (l, static (a, b) => ExpressionValue.FromMoney(new Money(a.AsNumber - b.AsNumber, a.AsMoney.Currency))),
            (TokenKind.Times, TypeKind.Money, TypeKind.Number) => (l, static (a, b) => ExpressionValue.FromMoney(new Money(a.AsNumber * b.AsNumber, a.AsMoney.Currency))),
            (TokenKind.Times, TypeKind.Number, TypeKind.Money) => (r, static (a, b) => ExpressionValue.FromMoney(new Money(a.AsNumber * b.AsNumber, b.AsMoney.Currency))),
            (TokenKind.Divide, TypeKind.Money, TypeKind.Number) => (l, static (a, b) => ExpressionValue.FromMoney(new Money(a.AsNumber / b.AsNumber, a.AsMoney.Currency))),
            (TokenKind.Divide, TypeKind.Money, TypeKind.Money) => (ExpressionType.Number, static (a, b) => ExpressionValue.FromNumber(a.AsNumber / b.AsNumber)),
            (TokenKind.Plus, TypeKind.Date, TypeKind.Duration) => (l, static (a, b) => ExpressionValue.FromDate(b.AsDuration.AddTo(a.AsDate))),
            (TokenKind.Plus, TypeKind.Duration, TypeKind.Date) => (r, static (a, b) => ExpressionValue.FromDate(a.AsDuration.AddTo(b.AsDate))),
            (TokenKind.Minus, TypeKind.Date, TypeKind.Duration) => (l, static (a, b) => ExpressionValue.FromDate((-b.AsDuration).AddTo(a.AsDate))),
            (TokenKind.Minus, TypeKind.Date, TypeKind.Date) => (ExpressionType.Number, static (a, b) => ExpressionValue.FromNumber(a.DayNumber - b.DayNumber)),
            (TokenKind.Plus, TypeKind.Duration, TypeKind.Duration) => (l, static (a, b) => ExpressionValue.FromDuration(a.AsDuration + b.AsDuration)),
            (TokenKind.Minus, TypeKind.Duration, TypeKind.Duration) => (l, static (a, b) => ExpressionValue.FromDuration(a.AsDuration + -b.AsDuration)),
            (TokenKind.Plus, TypeKind.String, TypeKind.String) => (l, static (a, b) => ExpressionValue.FromString(string.Concat(a.AsString, b.AsString))),
            _ => (null, null),
        };

    private Node BindLogic(BinarySyntax b)
    {
        // A chain of the same operator becomes one node: a and b and c explains itself by the first false operand.
        var operands = new List<Syntax>();
        Flatten(b, b.Operator, operands);
        var nodes = operands.Select(Bind).ToArray();
        var failed = false;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (!nodes[i].Type.IsError && nodes[i].Type.Kind != TypeKind.Bool)
            {
                Fail(operands[i], "logic-type", ("operator", Symbol(b.Operator)), ("type", nodes[i].Type));
                failed = true;
            }

            failed |= nodes[i].Type.IsError;
        }

        return failed ? new ConstantNode(ExpressionType.Error, b.Start, b.End, Zero) : new LogicNode(b.Operator == TokenKind.And, nodes, b.Start, b.End);
    }

    private static void Flatten(Syntax s, TokenKind op, List<Syntax> into)
    {
        if (s is BinarySyntax b && b.Operator == op)
        {
            Flatten(b.Left, op, into);
            Flatten(b.Right, op, into);
        }
        else
        {
            into.Add(s);
        }
    }

    private Node BindIn(InSyntax i)
    {
        var item = Bind(i.Item);
        var list = Bind(i.List);
        return Contains(i, i.Negated, item, list, i.List.Start);
    }

    private Node Contains(Syntax at, bool negated, Node item, Node list, int listOffset)
    {
        if (item.Type.IsError || list.Type.IsError)
        {
            return new ConstantNode(ExpressionType.Error, at.Start, at.End, Zero);
        }

        if (list.Type.Kind != TypeKind.List)
        {
            return Fail(at, listOffset, "not-a-list", ("type", list.Type));
        }

        return item.Type != list.Type.Element
            ? Fail(at, "item-type", ("item", item.Type), ("list", list.Type))
            : new InNode(negated, item, list, at.Start, at.End);
    }

    private Node BindIf(IfSyntax i)
    {
        var condition = Bind(i.Condition);
        var then = Bind(i.Then);
        var otherwise = Bind(i.Else);
        if (condition.Type.IsError || then.Type.IsError || otherwise.Type.IsError)
        {
            return new ConstantNode(ExpressionType.Error, i.Start, i.End, Zero);
        }

        if (condition.Type.Kind != TypeKind.Bool)
        {
            return Fail(i.Condition, "condition-type", ("type", condition.Type));
        }

        return then.Type != otherwise.Type
            ? Fail(i.Else, "branch-types", ("then", then.Type), ("else", otherwise.Type))
            : new IfNode(condition, then, otherwise, i.Start, i.End);
    }

    private Node BindCall(CallSyntax c)
    {
        if (!Functions.Arity.TryGetValue(c.Function, out var arity))
        {
            return Fail(c, "unknown-function", ("name", c.Function));
        }

        if (c.Arguments.Count < arity.Min || c.Arguments.Count > arity.Max)
        {
            return Fail(c, "argument-count", ("function", c.Function), ("expected", arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"{arity.Min}–{arity.Max}"),
                ("count", c.Arguments.Count));
        }

        if (c.Function is "any" or "all")
        {
            return BindQuantifier(c);
        }

        if (c.Function == "date")
        {
            if (c.Arguments[0] is not StringSyntax text)
            {
                return Fail(c, "date-literal");
            }

            return DateOnly.TryParseExact(text.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new ConstantNode(ExpressionType.Date, c.Start, c.End, ExpressionValue.FromDate(date))
                : Fail(text, "invalid-date", ("text", text.Value));
        }

        var arguments = c.Arguments.Select(Bind).ToArray();
        if (arguments.Any(a => a.Type.IsError))
        {
            return new ConstantNode(ExpressionType.Error, c.Start, c.End, Zero);
        }

        if (c.Function == "contains" && arguments[0].Type.Kind == TypeKind.List)
        {
            return Contains(c, false, arguments[1], arguments[0], c.Arguments[0].Start);
        }

        if (c.Function == "today")
        {
            return new TodayNode(c.Start, c.End);
        }

        var bound = Functions.Bind(c.Function, arguments.Select(a => a.Type).ToArray());
        if (bound.Type is null)
        {
            var position = bound.WrongArgument;
            return Fail(c, c.Arguments[position].Start, "argument-type", ("function", c.Function), ("position", position + 1),
                ("expected", bound.Expected), ("actual", arguments[position].Type));
        }

        if (bound.List is { } listFunction)
        {
            return new ListFunctionNode(bound.Type, listFunction, arguments[0], c.Start, c.End);
        }

        return arguments.Length == 1
            ? new UnaryNode(bound.Type, bound.Unary!, arguments[0], c.Start, c.End)
            : new CallNode(bound.Type, bound.Many!, arguments, c.Start, c.End);
    }

    private Node BindQuantifier(CallSyntax c)
    {
        var list = Bind(c.Arguments[0]);
        if (c.Arguments[1] is not LambdaSyntax lambda)
        {
            Bind(c.Arguments[1]);
            return Fail(c.Arguments[1], "lambda-expected", ("function", c.Function));
        }

        if (list.Type.IsError)
        {
            return list;
        }

        if (list.Type.Kind != TypeKind.List)
        {
            return Fail(c.Arguments[0], "not-a-list", ("type", list.Type));
        }

        if (locals.ContainsKey(lambda.Parameter) || schema.TryFind(lambda.Parameter, out _))
        {
            return Fail(lambda, "name-in-use", ("name", lambda.Parameter));
        }

        var index = LocalCount++;
        locals[lambda.Parameter] = (index, list.Type.Element!);
        var condition = Bind(lambda.Body);
        locals.Remove(lambda.Parameter);
        if (condition.Type.IsError)
        {
            return condition;
        }

        return condition.Type.Kind != TypeKind.Bool
            ? Fail(lambda.Body, "condition-type", ("type", condition.Type))
            : new QuantifierNode(c.Function == "all", list, index, condition, c.Start, c.End);
    }
}

using Superpower.Model;

namespace Saas.Platform.Expressions;

/// <summary>
/// Bounds on one expression: its length, how deep it nests and how many parts it has (checked when it is
/// compiled), and how many steps one evaluation may take (checked while it runs).
/// </summary>
public sealed record ExpressionLimits(int MaxLength = 4_000, int MaxDepth = 32, int MaxNodes = 500, int MaxSteps = 10_000)
{
    public static ExpressionLimits Default { get; } = new();
}

/// <summary>A compile error: where it is in the document (1-based line and column) and what is wrong, in the reader's language.</summary>
public sealed record ExpressionError(int Line, int Column, LocalizedText Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message.Key}";
}

/// <summary>What compiling gave: the compiled expression, or its errors.</summary>
public sealed record ExpressionCompilation(CompiledExpression? Expression, IReadOnlyList<ExpressionError> Errors)
{
    public bool Succeeded => Expression is not null;
}

/// <summary>
/// Compiles an expression against declared variables (docs/adr/0021): Superpower tokenizes and parses it, the
/// binder type-checks it, and what comes out evaluates without the parser. Errors are located in the document
/// the expression came from (<see cref="ExpressionSource"/>).
/// </summary>
public static class ExpressionCompiler
{
    public static ExpressionCompilation Compile(string text, ExpressionSchema schema, ExpressionType? expected = null, ExpressionLimits? limits = null) =>
        Compile(ExpressionSource.Plain(text), schema, expected, limits);

    /// <param name="expected">The type the caller needs (bool for a guard); another type is an error.</param>
    public static ExpressionCompilation Compile(ExpressionSource source, ExpressionSchema schema, ExpressionType? expected = null, ExpressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schema);
        limits ??= ExpressionLimits.Default;
        var text = source.Text;
        var errors = new List<(int Offset, LocalizedText Message)>();
        ExpressionCompilation Failed() => new(null, errors.Select(e =>
        {
            var (line, column) = source.PositionOf(e.Offset < 0 ? text.TrimEnd().Length : e.Offset);
            return new ExpressionError(line, column, e.Message);
        }).ToList());

        if (text.Length > limits.MaxLength)
        {
            errors.Add((limits.MaxLength, LocalizedText.Of("platform.expressions.too-long", ("max", limits.MaxLength))));
            return Failed();
        }

        var tokens = Lexer.Tokenizer.TryTokenize(text);
        if (!tokens.HasValue)
        {
            var at = tokens.ErrorPosition.HasValue ? tokens.ErrorPosition.Absolute : 0;
            var c = at < text.Length ? text[at] : '\0';
            errors.Add((at, c is '"' or '\''
                ? new LocalizedText("platform.expressions.unterminated-string")
                : LocalizedText.Of("platform.expressions.unexpected-character", ("character", c))));
            return Failed();
        }

        if (tokens.Value.Count() == 0)
        {
            errors.Add((0, new LocalizedText("platform.expressions.empty")));
            return Failed();
        }

        Syntax syntax;
        try
        {
            var parsed = Parser.Parse(tokens.Value, limits.MaxDepth);
            if (!parsed.HasValue)
            {
                errors.Add(SyntaxError(parsed, text));
                return Failed();
            }

            syntax = parsed.Value;
        }
        catch (Parser.TooDeepException deep)
        {
            errors.Add((deep.Offset, LocalizedText.Of("platform.expressions.too-deep", ("max", limits.MaxDepth))));
            return Failed();
        }

        var nodes = Count(syntax);
        if (nodes > limits.MaxNodes)
        {
            errors.Add((0, LocalizedText.Of("platform.expressions.too-many-nodes", ("max", limits.MaxNodes), ("count", nodes))));
            return Failed();
        }

        var binder = new Binder(schema, errors);
        var root = binder.Bind(syntax);
        if (errors.Count == 0 && expected is not null && root.Type != expected)
        {
            errors.Add((0, LocalizedText.Of("platform.expressions.result-type", ("expected", expected), ("actual", root.Type))));
        }

        return errors.Count > 0 ? Failed() : new ExpressionCompilation(new CompiledExpression(root, text, schema, limits.MaxSteps, binder.LocalCount, nodes), []);
    }

    private static (int, LocalizedText) SyntaxError(TokenListParserResult<TokenKind, Syntax> parsed, string text)
    {
        var at = parsed.Location.IsAtEnd ? text.TrimEnd().Length : parsed.Location.First().Position.Absolute;
        if (parsed.ErrorPosition.HasValue)
        {
            at = Math.Min(parsed.ErrorPosition.Absolute, text.TrimEnd().Length);
        }

        object found = parsed.Location.IsAtEnd
            ? new LocalizedText("platform.expressions.end-of-input")
            : parsed.Location.First().ToStringValue();
        return parsed.Expectations is { Length: > 0 } expected
            ? (at, LocalizedText.Of("platform.expressions.syntax-expected", ("found", found), ("expected", string.Join(", ", expected))))
            : (at, LocalizedText.Of("platform.expressions.syntax", ("found", found)));
    }

    /// <summary>How many parts the syntax has (iteratively, so a long chain cannot deepen the stack before the limit).</summary>
    private static int Count(Syntax root)
    {
        var count = 0;
        var open = new Stack<Syntax>();
        open.Push(root);
        while (open.Count > 0)
        {
            count++;
            switch (open.Pop())
            {
                case CallSyntax c:
                    c.Arguments.ToList().ForEach(open.Push);
                    break;
                case LambdaSyntax l:
                    open.Push(l.Body);
                    break;
                case ListSyntax l:
                    l.Items.ToList().ForEach(open.Push);
                    break;
                case UnarySyntax u:
                    open.Push(u.Operand);
                    break;
                case BinarySyntax b:
                    open.Push(b.Left);
                    open.Push(b.Right);
                    break;
                case InSyntax i:
                    open.Push(i.Item);
                    open.Push(i.List);
                    break;
                case IfSyntax i:
                    open.Push(i.Condition);
                    open.Push(i.Then);
                    open.Push(i.Else);
                    break;
                default:
                    break;
            }
        }

        return count;
    }
}

using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Saas.Platform.Expressions;

/// <summary>
/// The grammar of docs/adr/0021 as Superpower token-list parsers. Operators of one level associate to the left
/// (Parse.Chain folds them without recursion); comparisons do not chain. Every way back into a whole expression
/// (brackets, arguments, list entries, branches, <c>not</c>, unary minus) passes <see cref="Nested"/>, which counts
/// how deep the parser is and stops at the limit before the stack could matter.
/// </summary>
internal static class Parser
{
    [ThreadStatic]
    private static int depth;

    [ThreadStatic]
    private static int maxDepth;

    /// <summary>Thrown when brackets, <c>not</c>s or branches nest deeper than the limit; caught by the compiler.</summary>
    internal sealed class TooDeepException(int offset) : Exception
    {
        public int Offset { get; } = offset;
    }

    public static TokenListParserResult<TokenKind, Syntax> Parse(TokenList<TokenKind> tokens, int nestingLimit)
    {
        depth = 0;
        maxDepth = nestingLimit;
        return Whole(tokens);
    }

    private static TokenListParser<TokenKind, T> Nested<T>(TokenListParser<TokenKind, T> inner) => input =>
    {
        if (++depth > maxDepth)
        {
            depth = 0;
            throw new TooDeepException(input.IsAtEnd ? -1 : input.ConsumeToken().Value.Position.Absolute);
        }

        try
        {
            return inner(input);
        }
        finally
        {
            depth--;
        }
    };

    private static int Start(Token<TokenKind> token) => token.Position.Absolute;

    private static int End(Token<TokenKind> token) => token.Position.Absolute + token.Span.Length;

    private static readonly TokenListParser<TokenKind, Syntax> Expression = Nested(Superpower.Parse.Ref(() => Conditional!));

    private static readonly TokenListParser<TokenKind, Syntax> Number =
        from number in Token.EqualTo(TokenKind.Number)
        from unit in Token.EqualTo(TokenKind.Identifier).OptionalOrDefault()
        select unit.HasValue
            ? new QuantitySyntax(Start(number), End(unit), decimal.Parse(number.ToStringValue(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), unit.ToStringValue(), Start(unit))
            : (Syntax)new NumberSyntax(Start(number), End(number), decimal.Parse(number.ToStringValue(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    private static readonly TokenListParser<TokenKind, Syntax> Text =
        Token.EqualTo(TokenKind.String).Select(t => (Syntax)new StringSyntax(Start(t), End(t), Lexer.Unquote(t.ToStringValue())));

    private static readonly TokenListParser<TokenKind, Syntax> Boolean =
        Token.EqualTo(TokenKind.True).Select(t => (Syntax)new BoolSyntax(Start(t), End(t), true))
            .Or(Token.EqualTo(TokenKind.False).Select(t => (Syntax)new BoolSyntax(Start(t), End(t), false)));

    private static readonly TokenListParser<TokenKind, Syntax> Lambda =
        from parameter in Token.EqualTo(TokenKind.Identifier)
        from arrow in Token.EqualTo(TokenKind.Arrow)
        from body in Expression
        select (Syntax)new LambdaSyntax(Start(parameter), body.End, parameter.ToStringValue(), body);

    private static readonly TokenListParser<TokenKind, Syntax> Argument = Lambda.Try().Or(Expression);

    private static readonly TokenListParser<TokenKind, (Syntax[] Items, int End)> Arguments =
        from open in Token.EqualTo(TokenKind.LeftParen)
        from items in Argument.ManyDelimitedBy(Token.EqualTo(TokenKind.Comma))
        from close in Token.EqualTo(TokenKind.RightParen)
        select (items, End(close));

    private static readonly TokenListParser<TokenKind, Syntax> NameOrCall =
        from first in Token.EqualTo(TokenKind.Identifier)
        from rest in Token.EqualTo(TokenKind.Dot).IgnoreThen(Token.EqualTo(TokenKind.Identifier)).Many()
        from arguments in Arguments.Select(a => ((Syntax[] Items, int End)?)a).OptionalOrDefault()
        let name = string.Join('.', rest.Prepend(first).Select(t => t.ToStringValue()))
        let end = rest.Length > 0 ? End(rest[^1]) : End(first)
        select arguments is { } call
            ? new CallSyntax(Start(first), call.End, name, call.Items)
            : (Syntax)new NameSyntax(Start(first), end, name);

    private static readonly TokenListParser<TokenKind, Syntax> List =
        from open in Token.EqualTo(TokenKind.LeftBracket)
        from items in Expression.ManyDelimitedBy(Token.EqualTo(TokenKind.Comma))
        from close in Token.EqualTo(TokenKind.RightBracket)
        select (Syntax)new ListSyntax(Start(open), End(close), items);

    private static readonly TokenListParser<TokenKind, Syntax> Bracketed =
        Expression.Between(Token.EqualTo(TokenKind.LeftParen), Token.EqualTo(TokenKind.RightParen));

    private static readonly TokenListParser<TokenKind, Syntax> Primary =
        Number.Or(Text).Or(Boolean).Or(NameOrCall).Or(List).Or(Bracketed);

    private static readonly TokenListParser<TokenKind, Syntax> Unary =
        (from minus in Token.EqualTo(TokenKind.Minus)
         from operand in Nested(Superpower.Parse.Ref(() => Unary!))
         select (Syntax)new UnarySyntax(Start(minus), operand.End, TokenKind.Minus, operand))
        .Or(Primary);

    private static Syntax MakeBinary(Token<TokenKind> op, Syntax left, Syntax right) =>
        new BinarySyntax(left.Start, right.End, op.Kind, Start(op), left, right);

    private static readonly TokenListParser<TokenKind, Syntax> Product = Superpower.Parse.Chain(
        Token.EqualTo(TokenKind.Times).Or(Token.EqualTo(TokenKind.Divide)), Unary, MakeBinary);

    private static readonly TokenListParser<TokenKind, Syntax> Sum = Superpower.Parse.Chain(
        Token.EqualTo(TokenKind.Plus).Or(Token.EqualTo(TokenKind.Minus)), Product, MakeBinary);

    private static readonly TokenListParser<TokenKind, Token<TokenKind>> ComparisonOperator =
        Token.EqualTo(TokenKind.Equal).Or(Token.EqualTo(TokenKind.NotEqual))
            .Or(Token.EqualTo(TokenKind.LessOrEqual)).Or(Token.EqualTo(TokenKind.GreaterOrEqual))
            .Or(Token.EqualTo(TokenKind.Less)).Or(Token.EqualTo(TokenKind.Greater));

    private static readonly TokenListParser<TokenKind, Func<Syntax, Syntax>?> ComparisonTail =
        (from op in ComparisonOperator
         from right in Sum
         select (Func<Syntax, Syntax>)(left => MakeBinary(op, left, right)))
        .Or(from op in Token.EqualTo(TokenKind.In)
            from list in Sum
            select (Func<Syntax, Syntax>)(item => new InSyntax(item.Start, list.End, false, item, list)))
        .Or(from not in Token.EqualTo(TokenKind.Not)
            from op in Token.EqualTo(TokenKind.In)
            from list in Sum
            select (Func<Syntax, Syntax>)(item => new InSyntax(item.Start, list.End, true, item, list)))
        .Select(f => (Func<Syntax, Syntax>?)f);

    private static readonly TokenListParser<TokenKind, Syntax> Comparison =
        from left in Sum
        from tail in ComparisonTail.OptionalOrDefault()
        select tail is null ? left : tail(left);

    private static readonly TokenListParser<TokenKind, Syntax> Negation =
        (from not in Token.EqualTo(TokenKind.Not)
         from operand in Nested(Superpower.Parse.Ref(() => Negation!))
         select (Syntax)new UnarySyntax(Start(not), operand.End, TokenKind.Not, operand))
        .Or(Comparison);

    private static readonly TokenListParser<TokenKind, Syntax> Conjunction = Superpower.Parse.Chain(Token.EqualTo(TokenKind.And), Negation, MakeBinary);

    private static readonly TokenListParser<TokenKind, Syntax> Disjunction = Superpower.Parse.Chain(Token.EqualTo(TokenKind.Or), Conjunction, MakeBinary);

    private static readonly TokenListParser<TokenKind, Syntax> Conditional =
        (from @if in Token.EqualTo(TokenKind.If)
         from condition in Expression
         from then in Token.EqualTo(TokenKind.Then)
         from yes in Expression
         from @else in Token.EqualTo(TokenKind.Else)
         from no in Expression
         select (Syntax)new IfSyntax(Start(@if), no.End, condition, yes, no))
        .Or(Disjunction);

    private static readonly TokenListParser<TokenKind, Syntax> Whole = Expression.AtEnd();
}

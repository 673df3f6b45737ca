using Superpower;
using Superpower.Display;
using Superpower.Model;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace Saas.Platform.Expressions;

/// <summary>The tokens of the expression language (docs/adr/0021); the examples are how a syntax error names them.</summary>
internal enum TokenKind
{
    [Token(Example = "number")]
    Number,
    [Token(Example = "\"text\"")]
    String,
    [Token(Example = "name")]
    Identifier,
    [Token(Example = "and")]
    And,
    [Token(Example = "or")]
    Or,
    [Token(Example = "not")]
    Not,
    [Token(Example = "in")]
    In,
    [Token(Example = "if")]
    If,
    [Token(Example = "then")]
    Then,
    [Token(Example = "else")]
    Else,
    [Token(Example = "true")]
    True,
    [Token(Example = "false")]
    False,
    [Token(Example = "==")]
    Equal,
    [Token(Example = "!=")]
    NotEqual,
    [Token(Example = "<=")]
    LessOrEqual,
    [Token(Example = ">=")]
    GreaterOrEqual,
    [Token(Example = "<")]
    Less,
    [Token(Example = ">")]
    Greater,
    [Token(Example = "+")]
    Plus,
    [Token(Example = "-")]
    Minus,
    [Token(Example = "*")]
    Times,
    [Token(Example = "/")]
    Divide,
    [Token(Example = "(")]
    LeftParen,
    [Token(Example = ")")]
    RightParen,
    [Token(Example = "[")]
    LeftBracket,
    [Token(Example = "]")]
    RightBracket,
    [Token(Example = ",")]
    Comma,
    [Token(Example = ".")]
    Dot,
    [Token(Example = "=>")]
    Arrow,
}

/// <summary>Splits an expression into tokens with Superpower's tokenizer builder.</summary>
internal static class Lexer
{
    private static readonly string[] Keywords = ["and", "or", "not", "in", "if", "then", "else", "true", "false"];

    public static bool IsKeyword(string name) => Keywords.Contains(name, StringComparer.Ordinal);

    private static TextParser<Unit> Quoted(char quote) =>
        Character.EqualTo(quote)
            .IgnoreThen(Character.EqualTo('\\').IgnoreThen(Character.AnyChar).Try().Or(Character.Matching(c => c != quote && c != '\\', "character")).IgnoreMany())
            .IgnoreThen(Character.EqualTo(quote))
            .Value(Unit.Value);

    public static Tokenizer<TokenKind> Tokenizer { get; } = new TokenizerBuilder<TokenKind>()
        .Ignore(Span.WhiteSpace)
        .Match(Span.Regex("[0-9]+(\\.[0-9]+)?"), TokenKind.Number, requireDelimiters: true)
        .Match(Quoted('"'), TokenKind.String)
        .Match(Quoted('\''), TokenKind.String)
        .Match(Span.EqualTo("and"), TokenKind.And, requireDelimiters: true)
        .Match(Span.EqualTo("or"), TokenKind.Or, requireDelimiters: true)
        .Match(Span.EqualTo("not"), TokenKind.Not, requireDelimiters: true)
        .Match(Span.EqualTo("in"), TokenKind.In, requireDelimiters: true)
        .Match(Span.EqualTo("if"), TokenKind.If, requireDelimiters: true)
        .Match(Span.EqualTo("then"), TokenKind.Then, requireDelimiters: true)
        .Match(Span.EqualTo("else"), TokenKind.Else, requireDelimiters: true)
        .Match(Span.EqualTo("true"), TokenKind.True, requireDelimiters: true)
        .Match(Span.EqualTo("false"), TokenKind.False, requireDelimiters: true)
        .Match(Identifier.CStyle, TokenKind.Identifier, requireDelimiters: true)
        .Match(Span.EqualTo("=="), TokenKind.Equal)
        .Match(Span.EqualTo("=>"), TokenKind.Arrow)
        .Match(Span.EqualTo("!="), TokenKind.NotEqual)
        .Match(Span.EqualTo("<="), TokenKind.LessOrEqual)
        .Match(Span.EqualTo(">="), TokenKind.GreaterOrEqual)
        .Match(Character.EqualTo('<'), TokenKind.Less)
        .Match(Character.EqualTo('>'), TokenKind.Greater)
        .Match(Character.EqualTo('+'), TokenKind.Plus)
        .Match(Character.EqualTo('-'), TokenKind.Minus)
        .Match(Character.EqualTo('*'), TokenKind.Times)
        .Match(Character.EqualTo('/'), TokenKind.Divide)
        .Match(Character.EqualTo('('), TokenKind.LeftParen)
        .Match(Character.EqualTo(')'), TokenKind.RightParen)
        .Match(Character.EqualTo('['), TokenKind.LeftBracket)
        .Match(Character.EqualTo(']'), TokenKind.RightBracket)
        .Match(Character.EqualTo(','), TokenKind.Comma)
        .Match(Character.EqualTo('.'), TokenKind.Dot)
        .Build();

    /// <summary>The text of a string token without its quotes, a backslash taking the next character as it is.</summary>
    public static string Unquote(string token)
    {
        var result = new StringBuilder(token.Length);
        for (var i = 1; i < token.Length - 1; i++)
        {
            if (token[i] == '\\' && i + 1 < token.Length - 1)
            {
                i++;
            }

            result.Append(token[i]);
        }

        return result.ToString();
    }
}

namespace Saas.Platform.Expressions;

/// <summary>A parsed, not yet typed part of an expression: where it starts and ends in the expression's text.</summary>
internal abstract record Syntax(int Start, int End);

internal sealed record NumberSyntax(int Start, int End, decimal Value) : Syntax(Start, End);

/// <summary>A number with a unit: a duration (<c>18 months</c>) or an amount (<c>1500 EUR</c>).</summary>
internal sealed record QuantitySyntax(int Start, int End, decimal Amount, string Unit, int UnitStart) : Syntax(Start, End);

internal sealed record StringSyntax(int Start, int End, string Value) : Syntax(Start, End);

internal sealed record BoolSyntax(int Start, int End, bool Value) : Syntax(Start, End);

/// <summary>A variable (<c>case.legalBasis</c>) or a list function's parameter (<c>d</c> in <c>d => …</c>).</summary>
internal sealed record NameSyntax(int Start, int End, string Name) : Syntax(Start, End);

internal sealed record CallSyntax(int Start, int End, string Function, IReadOnlyList<Syntax> Arguments) : Syntax(Start, End);

internal sealed record LambdaSyntax(int Start, int End, string Parameter, Syntax Body) : Syntax(Start, End);

internal sealed record ListSyntax(int Start, int End, IReadOnlyList<Syntax> Items) : Syntax(Start, End);

internal sealed record UnarySyntax(int Start, int End, TokenKind Operator, Syntax Operand) : Syntax(Start, End);

internal sealed record BinarySyntax(int Start, int End, TokenKind Operator, int OperatorStart, Syntax Left, Syntax Right) : Syntax(Start, End);

/// <summary><c>x in list</c> or <c>x not in list</c>.</summary>
internal sealed record InSyntax(int Start, int End, bool Negated, Syntax Item, Syntax List) : Syntax(Start, End);

internal sealed record IfSyntax(int Start, int End, Syntax Condition, Syntax Then, Syntax Else) : Syntax(Start, End);

using Saas.Platform.Expressions;
using YamlDotNet.RepresentationModel;

namespace Saas.Platform.Tests.Expressions;

/// <summary>
/// Errors name the line and column a reader finds in the YAML file: the caller passes the scalar's start (as
/// YamlDotNet reads it) and the document, and every style of scalar is followed back to the file.
/// </summary>
public sealed class YamlLocationTests
{
    private static ExpressionError ErrorIn(string yaml, string key)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var node = (YamlScalarNode)root.Children[new YamlScalarNode(key)];
        return Expr.Error(ExpressionSource.InYaml(yaml, (int)node.Start.Line, (int)node.Start.Column, node.Value!));
    }

    [Fact]
    public void APlainScalar()
    {
        var yaml = "kind: process\nguard: case.fee > 100 EUR and nope\n";
        var error = ErrorIn(yaml, "guard");
        error.Message.Key.ShouldBe("platform.expressions.unknown-variable");
        (error.Line, error.Column).ShouldBe((2, 31));
    }

    [Fact]
    public void ADoubleQuotedScalar_WithEscapes()
    {
        var yaml = "guard: \"person.name == \\\"a\\\" and length(1) > 0\"\n";
        var error = ErrorIn(yaml, "guard");
        error.Message.Key.ShouldBe("platform.expressions.argument-type");
        (error.Line, error.Column).ShouldBe((1, 41));
    }

    [Fact]
    public void ASingleQuotedScalar_WithDoubledQuotes()
    {
        var yaml = "guard: 'person.name == ''a'' and nope'\n";
        var error = ErrorIn(yaml, "guard");
        (error.Line, error.Column).ShouldBe((1, 34));
    }

    [Fact]
    public void ALiteralBlock_CountsLinesAndIndentation()
    {
        var yaml = """
            kind: process
            spec:
            guard: |
              'arbeitsvertrag' in documents
                and form.income >= 1500 EUR
                and today() < case.applicationDate + 18 monts
            next: x
            """;
        var error = ErrorIn(yaml, "guard");
        error.Message.Key.ShouldBe("platform.expressions.unknown-unit");
        (error.Line, error.Column).ShouldBe((6, 45));
    }

    [Fact]
    public void AFoldedBlock_WithAComment_FindsTheLineAgain()
    {
        var yaml = "guard: >- # the guard\n    form.complete\n    and\n       length(3) > 0\n";
        var error = ErrorIn(yaml, "guard");
        error.Message.Key.ShouldBe("platform.expressions.argument-type");
        (error.Line, error.Column).ShouldBe((4, 15));
    }

    [Fact]
    public void AMultiLinePlainScalar()
    {
        var yaml = "guard: form.complete and\n  nope\n";
        var error = ErrorIn(yaml, "guard");
        (error.Line, error.Column).ShouldBe((2, 3));
    }

    [Fact]
    public void TheEndOfTheExpression_IsJustAfterItsLastCharacter()
    {
        var yaml = "a: 1\nguard: |\n  (1 + 2\n";
        var error = ErrorIn(yaml, "guard");
        error.Message.Key.ShouldBe("platform.expressions.syntax-expected");
        (error.Line, error.Column).ShouldBe((3, 9));
    }

    [Fact]
    public void APlainSource_StartsWhereTheCallerSays()
    {
        var error = Expr.Error(ExpressionSource.Plain("true and\n  nope", 10, 5));
        (error.Line, error.Column).ShouldBe((11, 3));
    }
}

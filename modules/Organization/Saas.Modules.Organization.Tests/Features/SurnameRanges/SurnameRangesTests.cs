using System.Text.Json.Nodes;
using Saas.Modules.Organization.Features.SurnameRanges;

namespace Saas.Modules.Organization.Tests.Features.SurnameRanges;

public sealed class SurnameRangesTests
{
    [Theory]
    [InlineData("Öztürk", "OZTURK")]
    [InlineData("von der Heide", "HEIDE")]
    [InlineData("Al-Hassan", "HASSAN")]
    [InlineData("Strauß", "STRAUSS")]
    [InlineData("Çelik", "CELIK")]
    [InlineData("Nowak-Kowalska", "NOWAKKOWALSKA")]
    public void Fold_FilesSurnamesAsTheAuthorityDoes(string surname, string folded) =>
        SurnameKey.Fold(surname).ShouldBe(folded);

    [Theory]
    [InlineData("A", "D", "Becker", true)]
    [InlineData("A", "D", "Dzeko", true)]
    [InlineData("A", "D", "Engel", false)]
    [InlineData("Ma", "Mz", "Müller", true)]
    [InlineData("Ma", "Mz", "Lang", false)]
    public void Covers_IsInclusiveOnTheFoldedPrefix(string from, string to, string surname, bool covered) =>
        SurnameKey.Covers(from.ToUpperInvariant(), to.ToUpperInvariant(), SurnameKey.Fold(surname)).ShouldBe(covered);

    [Fact]
    public void Rules_RefuseOverlappingRanges_WithTheirPath()
    {
        var spec = JsonNode.Parse("""{"unit":"30.20","ranges":[{"from":"A","to":"F","caseworker":"a"},{"from":"E","to":"K","caseworker":"b"}]}""")!;
        var error = SurnameRangesKind.Rules(spec).ShouldHaveSingleItem();
        error.Path.ShouldBe("$.ranges[1]");
    }
}

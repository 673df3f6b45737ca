using System.Text.Json.Nodes;
using Saas.Modules.Organization.Features.Locations;

namespace Saas.Modules.Organization.Tests.Features.Locations;

public sealed class LocationRulesTests
{
    [Fact]
    public void OpeningHours_ThatOverlapOrRunBackwards_AreRefusedWithTheirPath()
    {
        var spec = JsonNode.Parse("""{"openingHours":{"monday":["08:00-12:00","11:00-13:00"],"tuesday":["14:00-09:00"]},"counters":[{"key":"s1"},{"key":"s1"}]}""")!;
        var paths = LocationKind.Rules(spec).Select(e => e.Path).ToList();
        paths.ShouldBe(["$.openingHours.monday[1]", "$.openingHours.tuesday[0]", "$.counters[1].key"], ignoreOrder: true);
    }
}

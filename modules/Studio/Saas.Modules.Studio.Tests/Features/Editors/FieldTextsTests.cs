using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;
using Saas.Platform.Texts;
using Saas.Testing;

namespace Saas.Modules.Studio.Tests.Features.Editors;

/// <summary>
/// Every field of every registered kind has its label in German and in English (keys derived from kind and path,
/// docs/adr/0019), every choice of a select its text, every kind its name; a kind a new module registers without
/// its texts fails here, naming the missing keys.
/// </summary>
public sealed class FieldTextsTests(SaasAppFixture fixture) : IClassFixture<SaasAppFixture>
{
    [Fact]
    public void EveryFieldOfEveryRegisteredKind_HasAGermanAndAnEnglishLabel()
    {
        var kinds = fixture.App.Services.GetRequiredService<IMetadataKindRegistry>().All;
        kinds.Count.ShouldBeGreaterThanOrEqualTo(7);
        var missing = new List<string>();
        foreach (var kind in kinds)
        {
            foreach (var key in FieldTexts.Required(kind.Name, SchemaFields.Parse(kind.JsonSchema)))
            {
                missing.AddRange(new[] { "de", "en" }.Where(l => !TextCatalog.Shared.Has(l, key)).Select(l => $"{key} ({l})"));
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void LabelKeys_FollowKindAndPath_InKebabCase()
    {
        FieldTexts.Label("location", "address.postalCode").ShouldBe("studio.field.location.address.postal-code");
        FieldTexts.Choice("location", "counters.kind", "front-office").ShouldBe("studio.field.location.counters.kind.choice.front-office");
        FieldTexts.Kind("surname-ranges").ShouldBe("studio.kind.surname-ranges");
    }
}

using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Tests.Features.PersonSearch;

public sealed class KoelnerPhonetikTests
{
    [Theory]
    [InlineData("Müller-Lüdenscheidt", "65752682")]
    [InlineData("Wikipedia", "3412")]
    [InlineData("Breschnew", "17863")]
    public void Encode_GivesTheKnownCodes(string name, string code) => KoelnerPhonetik.Encode(name).ShouldBe(code);

    [Theory]
    [InlineData("Mohammed", "Muhammad")]
    [InlineData("Mohammed", "Mohamed")]
    [InlineData("Meier", "Mayer")]
    [InlineData("Schmidt", "Schmitt")]
    public void Transliterations_ShareACode(string a, string b) => KoelnerPhonetik.Encode(a).ShouldBe(KoelnerPhonetik.Encode(b));
}

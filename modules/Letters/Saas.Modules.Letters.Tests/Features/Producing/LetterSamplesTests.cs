using System.Net.Http.Json;

namespace Saas.Modules.Letters.Tests.Features.Producing;

/// <summary>
/// The letters' sample records for the cross-tenant matrix (docs/adr/0013): a published letter carrying the marker and
/// the e-Akte's sample file of the same authority; A previews it for its file, B gets neither A's letter nor A's file.
/// </summary>
public sealed class LetterSamplesTests(TenantsWithDataFixture fixture) : IClassFixture<TenantsWithDataFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheSamples_PreviewForTheirOwnAuthority_AndReachNothingOfItFromAnother()
    {
        fixture.ModulesWithSamples.ShouldContain(LettersModule.ModuleName);
        var fileOfA = fixture.ValuesA.Find("/api/letters/preview", "caseFileId").ShouldNotBeNull();
        var letter = fixture.ValuesA.Find("/api/letters/preview", "letter").ShouldNotBeNull();
        var body = new
        {
            letter, caseFileId = Guid.Parse(fileOfA),
            values = new Dictionary<string, string> { ["appointmentDate"] = "12.01.2027", ["appointmentTime"] = "09:30", ["location"] = "Raum 1" },
        };

        var a = await DemoLetters.Client(fixture, fixture.A.Key).PostAsJsonAsync("api/letters/preview", body);
        var html = await a.Content.ReadAsStringAsync();
        a.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("tigung " + fixture.MarkerA); // Razor writes the ä as &#xE4;

        var b = await DemoLetters.Client(fixture, fixture.B.Key).PostAsJsonAsync("api/letters/preview", body);
        b.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.Content.ReadAsStringAsync()).ShouldNotContain(fixture.MarkerA);
        var list = await DemoLetters.Client(fixture, fixture.B.Key).GetStringAsync("api/letters");
        list.ShouldContain(fixture.MarkerB);
        list.ShouldNotContain(fixture.MarkerA);
    }
}

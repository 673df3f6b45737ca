using System.Text;

namespace Saas.Host.Tests.Metadata;

/// <summary>A tenant admin's document is outside input: however it is shaped, it must not stop the host.</summary>
public sealed class UntrustedDocumentTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>100 KB of <c>spec: [[[…]]]</c>, 50,000 deep: YamlDotNet's node tree overflowed the stack on it.</summary>
    public static string DeepYaml(string key) =>
        $"kind: location\nkey: {key}\nspec: " + new string('[', 50_000) + new string(']', 50_000) + "\n";

    [Fact]
    public async Task HardeningItem1_ADocumentNested50000Deep_IsRefusedWithALocatedProblem_AndTheHostStillAnswers()
    {
        var token = fixture.TokenFor(fixture.A.Key, "admin-" + fixture.A.Key);
        var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/t/{fixture.A.Key}/api/studio/documents")
        {
            Content = new StringContent(DeepYaml("tief"), Encoding.UTF8, "application/yaml"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd("en");

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("invalid-configuration");
        // Located where the 67th level opens: line 3, the 66th bracket (the top-level mapping is the first level),
        // in the language the admin asked for.
        body.ShouldContain(":3:72: $: The document is nested more than 66 levels deep.");

        (await client.GetAsync($"/t/{fixture.B.Key}/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

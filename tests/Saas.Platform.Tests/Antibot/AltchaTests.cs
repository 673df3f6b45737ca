using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Saas.Platform.Antibot;
using Saas.Platform.Errors;

namespace Saas.Platform.Tests.Antibot;

/// <summary>
/// The platform's ALTCHA (docs/adr/0036) against ALTCHA's own server library, altcha-lib 2.8 from npm, run in Node
/// beside it: altcha-lib solves and verifies the platform's challenges with the authority's secrets, and the platform
/// verifies the challenges altcha-lib makes and solves, in its deterministic mode (a signed key) and its random mode
/// (the key derived again). Another authority's keys, a deeper or foreign payload, are refused.
/// </summary>
public sealed class AltchaTests
{
    private static readonly TenantInfo Authority = new(Guid.NewGuid(), "probe", "Probe", [], new HashSet<string>());
    private static readonly TenantInfo Other = new(Guid.NewGuid(), "other", "Other", [], new HashSet<string>());

    private static Altcha Create(out ICurrentTenant tenants)
    {
        tenants = new CurrentTenant();
        var options = new AltchaOptions { Secret = "test-secret-of-at-least-thirty-two-characters", Cost = 20, CounterMin = 10, CounterMax = 60 };
        return new Altcha(Options.Create(options), tenants, TimeProvider.System);
    }

    [Fact]
    public async Task ThePlatformsChallenge_IsSolvedAndVerifiedByAltchaLib_AndItsPayloadVerifiesHere()
    {
        var altcha = Create(out var tenants);
        using (tenants.Begin(Authority))
        {
            var challenge = JsonSerializer.SerializeToElement(altcha.Create(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            var (signature, key) = altcha.SecretsForTests();
            var answer = await AltchaLibAsync(new { @do = "solve-and-verify", challenge, signatureSecret = signature, keySecret = key });
            answer.GetProperty("verified").GetBoolean().ShouldBeTrue("altcha-lib accepts the platform's challenge and signatures");
            var payload = answer.GetProperty("payload").GetString()!;
            altcha.Verify(payload).Nonce.ShouldBe(challenge.GetProperty("parameters").GetProperty("nonce").GetString());

            using (tenants.Begin(Other))
            {
                Should.Throw<SaasProblemException>(() => altcha.Verify(payload)).Code.ShouldBe("altcha-invalid", "another authority's keys do not verify it");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AChallengeAltchaLibMakesWithTheAuthoritysSecrets_VerifiesHere(bool deterministic)
    {
        var altcha = Create(out var tenants);
        using (tenants.Begin(Authority))
        {
            var (signature, key) = altcha.SecretsForTests();
            var answer = await AltchaLibAsync(new { @do = "create-and-solve", signatureSecret = signature, keySecret = key, deterministic, cost = 20 });
            var payload = answer.GetProperty("payload").GetString()!;
            altcha.Verify(payload).ShouldNotBeNull();

            // The same challenge with another key is refused (in the deterministic mode the key is the proof, as in
            // altcha-lib; in the random mode it is derived again from the counter).
            var json = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(payload))!;
            var derived = json["solution"]!["derivedKey"]!.GetValue<string>();
            json["solution"]!["derivedKey"] = (derived[0] == '0' ? "1" : "0") + derived[1..];
            Should.Throw<SaasProblemException>(() => altcha.Verify(Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString())))).Code.ShouldBe("altcha-invalid");
        }
    }

    [Theory]
    [InlineData("{\"challenge\":{\"parameters\":{\"a\":{\"b\":{\"c\":{}}}},\"signature\":\"00\"},\"solution\":{}}")]
    [InlineData("{\"challenge\":null,\"solution\":null,\"test\":true}")]
    [InlineData("[1,2,3]")]
    [InlineData("not json")]
    public void APayloadThatIsNotOneThePlatformIssues_IsRefusedAsInvalid(string json)
    {
        var altcha = Create(out var tenants);
        using (tenants.Begin(Authority))
        {
            Should.Throw<SaasProblemException>(() => altcha.Verify(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))).Code.ShouldBe("altcha-invalid");
            Should.Throw<SaasProblemException>(() => altcha.Verify("")).Code.ShouldBe("altcha-missing");
        }
    }

    private static async Task<JsonElement> AltchaLibAsync(object request)
    {
        var folder = Path.Combine(SaasAppFactory.RepositoryRoot, "tests", "Saas.Platform.Tests");
        File.Exists(Path.Combine(folder, "node_modules", "altcha-lib", "package.json")).ShouldBeTrue("altcha-lib is missing: run scripts/browser.sh (npm ci in tests/Saas.Platform.Tests)");
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "Antibot", "altcha-lib-check.mjs")])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, await error);
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}

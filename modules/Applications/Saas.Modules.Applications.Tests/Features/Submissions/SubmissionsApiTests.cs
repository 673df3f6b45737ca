using System.Net;
using System.Text;
using System.Text.Json;
using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Tests.Features.FimImport;
using Saas.Modules.Applications.Tests.Features.Portal;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Applications.Tests.Features.Submissions;

/// <summary>
/// <c>POST /api/applications/{form}/submissions</c> (docs/adr/0035): the same use case as the portal's submit — one
/// submission per Idempotency-Key whatever is repeated, the same receipt for a repeat, RFC 9457 problems with every
/// error by path; and an imported FIM form renders and accepts a valid submission that keeps its FIM ids.
/// </summary>
public sealed class SubmissionsApiTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A valid application whose employment contract was kept for <paramref name="tenant"/> first (each submission claims its own).</summary>
    private async Task<string> ValidAsync(TenantInfo tenant) => $$$"""
        {"antragsteller": {"familienname": "Haddad", "geburtsdatum": "1991-04-02"},
         "aufenthalt": {"zweck": "beschaeftigung", "arbeitgeber": "Muster GmbH", "bruttogehalt": "3000",
                        "arbeitsvertrag": {{{(await fixture.UploadAsync(tenant, "aufenthalt.arbeitsvertrag")).ToJsonString()}}}, "einverstanden": true}}
        """;

    private Task<HttpResponseMessage> SubmitAsync(TenantInfo tenant, string json, string? key, string form = PortalFixture.FormKey, string lang = "de")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant.Key}/api/applications/{form}/submissions?lang={lang}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return fixture.App.CreateClient().SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task TheSameKeyTwice_GivesOneSubmission_AndTheSameReceipt_WithTheComputedValue()
    {
        var valid = await ValidAsync(fixture.A);
        var first = await JsonAsync(await SubmitAsync(fixture.A, valid, "key-1"), HttpStatusCode.Created);
        var again = await JsonAsync(await SubmitAsync(fixture.A, valid, "key-1"), HttpStatusCode.OK);

        again.GetProperty("receiptNumber").GetString().ShouldBe(first.GetProperty("receiptNumber").GetString());
        again.GetProperty("repeated").GetBoolean().ShouldBeTrue();
        first.GetProperty("values").GetProperty("aufenthalt").GetProperty("jahresgehalt").GetString().ShouldBe("36000");
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(1);

        // A new key with the same (claimed) file is refused at the field; with its own file it is a second submission.
        var taken = await JsonAsync(await SubmitAsync(fixture.A, valid, "key-2"), HttpStatusCode.UnprocessableEntity);
        taken.GetProperty("errors").GetProperty("aufenthalt.arbeitsvertrag")[0].GetString()!.ShouldStartWith("Diese Datei wurde nicht für dieses Feld hochgeladen");
        var other = await JsonAsync(await SubmitAsync(fixture.A, await ValidAsync(fixture.A), "key-2"), HttpStatusCode.Created);
        other.GetProperty("receiptNumber").GetString().ShouldNotBe(first.GetProperty("receiptNumber").GetString());
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(2);
    }

    [Fact]
    public async Task ConcurrentSubmitsWithOneKey_MakeOneSubmission()
    {
        var valid = await ValidAsync(fixture.A);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(fixture.A, valid, "race")));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.OK);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var receipts = await Task.WhenAll(responses.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("receiptNumber").GetString()));
        receipts.Distinct().Count().ShouldBe(1);
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task WithoutAKey_OrWithOneOfAnotherForm_IsRefused_AndAnotherAuthorityKeepsItsOwnKeys()
    {
        (await JsonAsync(await SubmitAsync(fixture.A, await ValidAsync(fixture.A), null), HttpStatusCode.BadRequest)).GetProperty("code").GetString().ShouldBe("application-idempotency-key-missing");
        await JsonAsync(await SubmitAsync(fixture.A, await ValidAsync(fixture.A), "shared"), HttpStatusCode.Created);
        await fixture.PublishAsync(fixture.A, Saas.Modules.Applications.Features.Samples.ApplicationsSamples.FormYaml("probe", "x"));
        (await JsonAsync(await SubmitAsync(fixture.A, """{"antrag": {"name": "x", "zweck": "studium"}}""", "shared", "probe"), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("application-idempotency-key-reused");

        // The key is unique per authority: B's submission with the same key is B's own first one.
        await JsonAsync(await SubmitAsync(fixture.B, await ValidAsync(fixture.B), "shared"), HttpStatusCode.Created);
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(1);
        (await fixture.CountAsync(fixture.B)).Submissions.ShouldBe(1);
    }

    [Fact]
    public async Task AnInvalidApplication_IsAProblemWithEveryErrorByPath_InTheApplicantsLanguage_AndStoresNothing()
    {
        var problem = await JsonAsync(await SubmitAsync(fixture.A, """
            {"antragsteller": {"geburtsdatum": "1850-01-01", "passnummer": "x"}, "aufenthalt": {"zweck": "beschaeftigung", "einverstanden": false}}
            """, "bad", lang: "en"), HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("type").GetString().ShouldEndWith("/problems/application-invalid");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("antragsteller.familienname")[0].GetString().ShouldBe("Please fill in this field.");
        errors.GetProperty("antragsteller.geburtsdatum")[0].GetString().ShouldBe("The date must not be before 01.01.1900.");
        errors.GetProperty("antragsteller.passnummer")[0].GetString().ShouldBe("'passnummer' is not part of this form.");
        errors.GetProperty("aufenthalt.arbeitgeber")[0].GetString().ShouldBe("Please fill in this field.");
        errors.GetProperty("aufenthalt.einverstanden")[0].GetString().ShouldBe("Please confirm this.");
        (await fixture.CountAsync(fixture.A)).Submissions.ShouldBe(0);
        (await JsonAsync(await SubmitAsync(fixture.A, "{}", "x", form: "gibt-es-nicht"), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("application-form-not-found");
    }

    [Fact]
    public async Task AnImportedFimForm_Renders_AndAcceptsAValidSubmission_KeepingItsFimIds()
    {
        var import = FimFixtures.Import("S00000094V1.0/S00000094V1.0_xdf2.xml");
        import.Succeeded.ShouldBeTrue();
        await fixture.PublishAsync(fixture.A, import.Yaml!);
        var form = FormDefinition.Read(import.Key, import.Spec!);

        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A, import.Key);
        var html = await PortalFixture.HtmlAsync(browser, first);
        foreach (var field in form.Fields.Where(f => f.TakesInput && form.RepeatingGroupOf(f) is null && form.GroupOf(f.Group) is { Min: > 0 }).Take(10))
        {
            html.ShouldContain($"name=\"{field.FullPath}\"");
        }

        html.ShouldContain("<fieldset class=\"kern-fieldset\"");

        var values = await fixture.WithEvidenceAsync(fixture.A, import.Key, FimFixtures.ValidValues(form));
        var receipt = await JsonAsync(await SubmitAsync(fixture.A, values.ToJsonString(), "fim-1", import.Key), HttpStatusCode.Created);
        receipt.GetProperty("receiptNumber").GetString().ShouldNotBeNullOrEmpty();
        var stored = await fixture.SingleSubmissionAsync(fixture.A);
        JsonNode.Parse(stored.Fim)!["form"]!["id"]!.GetValue<string>().ShouldBe("S00000094");
        var fieldWithFim = form.Fields.First(f => f.Fim is not null && f.TakesInput && form.RepeatingGroupOf(f) is null && f.Required);
        stored.Fim.ShouldContain(fieldWithFim.Fim!.Id);
    }
}

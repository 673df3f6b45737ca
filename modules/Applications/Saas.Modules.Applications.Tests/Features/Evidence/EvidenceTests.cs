using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Saas.Modules.Applications.Tests.Features.Portal;

namespace Saas.Modules.Applications.Tests.Features.Evidence;

/// <summary>
/// Evidence is kept with its bytes (docs/adr/0042): checked by content, not by name or declared type, within the
/// field's size, stored in the authority's blob store; a submission claims its own kept files once and takes their
/// name, type and size from what was stored; another authority's or another draft's file is not found.
/// </summary>
public sealed class EvidenceTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Contract = "aufenthalt.arbeitsvertrag";

    private static string StepUrl(string first, string step) => first[..first.LastIndexOf('/')] + "/" + step;

    /// <summary>A valid 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task AFileIsTakenByItsContent_ItsBytesAreStored_AndWhatItPretendsToBeIsRefusedInTheCallersLanguage()
    {
        // A photo sent as "vertrag.pdf" with a PDF type is kept as what it is.
        var photo = await fixture.UploadAsync(fixture.A, Contract, Png, fileName: "vertrag.pdf");
        photo["contentType"]!.GetValue<string>().ShouldBe("image/png");
        photo["bytes"]!.GetValue<long>().ShouldBe(Png.Length);
        var kept = (await fixture.EvidenceAsync(fixture.A)).ShouldHaveSingleItem();
        kept.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png)));
        kept.DraftId.ShouldBeNull();
        (await ReadBlobAsync(fixture, fixture.A, kept.Sha256)).ShouldBe(Png);

        // A program named like a PDF, a text file, an empty file, a file above the field's 10 MB, a field that is not a file.
        var program = await fixture.UploadAsync(fixture.A, Contract, Encoding.ASCII.GetBytes("MZ\u0090\0 this is no pdf"), fileName: "vertrag.pdf", expected: HttpStatusCode.UnprocessableEntity);
        program["code"]!.GetValue<string>().ShouldBe("application-evidence-content");
        program["title"]!.GetValue<string>().ShouldStartWith("Der Inhalt dieser Datei ist keines der angenommenen Formate (application/pdf, image/jpeg, image/png)");
        (await fixture.UploadAsync(fixture.A, Contract, [], expected: HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("application-evidence-size");
        var big = new byte[(10 * 1024 * 1024) + 1];
        PortalFixture.Pdf().CopyTo(big, 0);
        (await fixture.UploadAsync(fixture.A, Contract, big, expected: HttpStatusCode.UnprocessableEntity))["title"]!.GetValue<string>().ShouldBe("Die Datei ist leer oder größer als 10 MB.");
        (await fixture.UploadAsync(fixture.A, "antragsteller.familienname", expected: HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("application-evidence-field-unknown");

        using var english = new MultipartFormDataContent { { new StringContent(Contract), "field" }, { new ByteArrayContent(Encoding.ASCII.GetBytes("plain text")), "file", "vertrag.txt" } };
        var refused = await fixture.App.CreateClient().PostAsync($"/t/{fixture.A.Key}/api/applications/{PortalFixture.FormKey}/evidence?lang=en", english);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("content is none of the accepted formats");

        (await fixture.EvidenceAsync(fixture.A)).Count.ShouldBe(1, "nothing refused was kept");
    }

    [Fact]
    public async Task OnTheStep_AFileThatIsNoPdf_IsRefusedAtItsField_AndTheAnswersStay_AKeptOneIsSubmittedWithItsStoredFacts()
    {
        var browser = fixture.Browser();
        var first = await PortalFixture.StartAsync(browser, fixture.A);
        await PortalFixture.PostAsync(browser, first, [("antragsteller.familienname", "Öztürk"), ("antragsteller.geburtsdatum", "1990-05-17"), ("aktion", "weiter")]);
        var stay = StepUrl(first, "aufenthalt");
        var answers = new (string, string)[] { ("aufenthalt.zweck", "beschaeftigung"), ("aufenthalt.arbeitgeber", "Muster GmbH"), ("aufenthalt.einverstanden", "true"), ("aktion", "weiter") };

        // The contract's field is shown (and read) once the purpose is employment.
        (await PortalFixture.PostAsync(browser, stay, [("aufenthalt.zweck", "beschaeftigung"), ("aktion", "speichern")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var forged = await PortalFixture.PostAsync(browser, stay, answers, (Contract, "vertrag.pdf", "application/pdf", "<script>alert(1)</script>"u8.ToArray()));
        var html = await forged.Content.ReadAsStringAsync();
        forged.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, html);
        html.ShouldContain("href=\"#feld-aufenthalt-arbeitsvertrag\">Arbeitsvertrag: Der Inhalt dieser Datei ist keines der angenommenen Formate");
        html.ShouldContain("value=\"Muster GmbH\"", Case.Sensitive, "what was entered with the refused file stays");
        (await fixture.EvidenceAsync(fixture.A)).ShouldBeEmpty();

        var taken = await PortalFixture.PostAsync(browser, stay, answers, (Contract, "C:\\Users\\ayse\\vertrag.pdf", "application/octet-stream", PortalFixture.Pdf()));
        taken.StatusCode.ShouldBe(HttpStatusCode.Redirect, await taken.Content.ReadAsStringAsync());
        var kept = (await fixture.EvidenceAsync(fixture.A)).ShouldHaveSingleItem();
        kept.ContentType.ShouldBe("application/pdf");
        kept.DraftId.ShouldNotBeNull();
        kept.FieldPath.ShouldBe(Contract);

        var summaryUrl = taken.Headers.Location!.OriginalString;
        var summary = await PortalFixture.HtmlAsync(browser, summaryUrl);
        var key = System.Text.RegularExpressions.Regex.Match(summary, "name=\"Idempotency-Key\" value=\"([^\"]+)\"").Groups[1].Value;
        var submitted = await browser.PostAsync(summaryUrl.Replace("/zusammenfassung", "/absenden", StringComparison.Ordinal),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFixture.Antiforgery(summary), ["Idempotency-Key"] = key }));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await submitted.Content.ReadAsStringAsync());

        var submission = await fixture.SingleSubmissionAsync(fixture.A);
        var value = JsonNode.Parse(submission.Answers)!["aufenthalt"]!["arbeitsvertrag"]!;
        value["evidence"]!.GetValue<string>().ShouldBe(kept.Id.ToString());
        value["contentType"]!.GetValue<string>().ShouldBe("application/pdf");
        value["name"]!.GetValue<string>().ShouldBe(kept.Name);
        (await fixture.EvidenceAsync(fixture.A)).Single().SubmissionId.ShouldBe(submission.Id);

        // The draft's file is not the API's to claim, nor another authority's.
        var json = $$$"""{"antragsteller": {"familienname": "X", "geburtsdatum": "1991-04-02"}, "aufenthalt": {"zweck": "beschaeftigung", "arbeitgeber": "Y", "arbeitsvertrag": {{{value.ToJsonString()}}}, "einverstanden": true}}""";
        foreach (var tenant in new[] { fixture.A, fixture.B })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant.Key}/api/applications/{PortalFixture.FormKey}/submissions")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", "steal-" + tenant.Key);
            var stolen = await fixture.App.CreateClient().SendAsync(request);
            var body = await stolen.Content.ReadAsStringAsync();
            stolen.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
            body.ShouldContain("\"aufenthalt.arbeitsvertrag\"");
        }
    }

    internal static async Task<byte[]> ReadBlobAsync(PortalFixture fixture, Saas.Platform.Tenancy.TenantInfo tenant, string sha)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<Saas.Platform.Tenancy.ICurrentTenant>().Begin(tenant);
        await using var stream = await scope.ServiceProvider.GetRequiredService<Saas.Platform.Storage.IBlobStore>().OpenReadAsync(sha);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

/// <summary>The portal's fixture with no grace period for orphans, so the e-Akte's sweeper would take any blob nothing holds.</summary>
public sealed class SweepNowPortalFixture : PortalFixture
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Cases:Blobs:OrphanGraceHours"] = "0" };
}

/// <summary>The e-Akte's orphan sweeper asks the portal's evidence before it deletes (docs/adr/0042), per authority.</summary>
public sealed class EvidenceSweepTests(SweepNowPortalFixture fixture) : IClassFixture<SweepNowPortalFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheOrphanSweeper_KeepsEvidenceThatIsNotFiledYet()
    {
        await fixture.UploadAsync(fixture.A, "aufenthalt.arbeitsvertrag", PortalFixture.Pdf("nicht verwaist " + Guid.NewGuid()));
        var sha = (await fixture.EvidenceAsync(fixture.A)).Single().Sha256;
        foreach (var tenant in new[] { fixture.B, fixture.A })
        {
            var admin = fixture.App.CreateClient();
            admin.DefaultRequestHeaders.Authorization = new("Bearer", Saas.Testing.TestTokens.Issue(fixture.App, tenant.Key, "admin-" + tenant.Key, [Saas.Platform.Identity.SaasRoles.TenantAdmin]));
            var swept = await admin.PostAsync($"/t/{tenant.Key}/api/cases/admin/blobs/sweep", null);
            var body = await swept.Content.ReadAsStringAsync();
            swept.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            body.ShouldNotContain(sha);
        }

        (await EvidenceTests.ReadBlobAsync(fixture, fixture.A, sha)).Length.ShouldBeGreaterThan(0);
    }
}

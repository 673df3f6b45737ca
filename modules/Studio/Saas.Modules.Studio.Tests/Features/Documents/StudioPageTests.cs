using System.Net;
using System.Text.Json;
using Saas.Testing;

namespace Saas.Modules.Studio.Tests.Features.Documents;

/// <summary>
/// The studio's pages call the use cases the API calls: an invalid draft is kept with its error at the field, a forged
/// form is refused with a located message and keeps what was typed, a second admin's save is a conflict that shows
/// what changed, the chosen drafts are published and no others, an old version is restored as a draft, and the history
/// names the signed-in person and Berlin time. Another authority's admin reaches none of A's drafts or histories.
/// </summary>
public sealed class StudioPageTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Unit = "kind: unit\nkey: {0}\nspec:\n  code: \"30.20\"\n  name: {1}\n";

    private static string UnitYaml(string key, string name) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Unit, key, name);

    [Fact]
    public async Task AnInvalidDraftSavedInTheForm_IsKept_AndItsErrorIsShownAtTheField()
    {
        using var admin = new StudioClient(fixture.App, fixture.A.Key);
        var saved = await admin.PostFormAsync("/admin/studio/location", "Save", f =>
        {
            StudioClient.Set(f, "NewKey", "neu");
            StudioClient.Set(f, "spec.name", "Neue Stelle");
            StudioClient.Set(f, "spec.address.street", "Markt 1");
            StudioClient.Set(f, "spec.address.postalCode", "5206");
            StudioClient.Set(f, "spec.address.city", "Aachen");
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var html = WebUtility.HtmlDecode(await admin.PageAsync("/admin/studio/location/neu"));
        var field = html.IndexOf("id=\"f-spec-address-postalCode-error\"", StringComparison.Ordinal);
        field.ShouldBeGreaterThan(0, "the error is next to the postal code");
        html[field..(field + 300)].ShouldContain("Format");
        html.ShouldContain("value=\"5206\"");
        (await admin.PageAsync("/admin/studio")).ShouldContain("1 Fehler");
    }

    [Fact]
    public async Task AForgedFieldName_IsRefusedWithALocatedMessage_NothingIsStored_AndWhatWasTypedStays()
    {
        using var admin = new StudioClient(fixture.App, fixture.A.Key);
        (await admin.PutYamlAsync(UnitYaml("u1", "Erste"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await admin.PostFormAsync("/admin/studio/unit/u1", "Save", f =>
        {
            StudioClient.Set(f, "spec.name", "Getippt");
            f.Add(new("spec.admin", "true"));
        });
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("Das Feld „spec.admin“ gibt es in diesem Dokument nicht.");
        html.ShouldContain("value=\"Getippt\"");
        (await DocumentAsync(admin, "unit", "u1")).GetProperty("yaml").GetString().ShouldBe(UnitYaml("u1", "Erste"));
    }

    [Fact]
    public async Task ChangingAField_WritesCleanYaml_AndASecondAdminsSaveMeanwhile_IsAConflictThatShowsWhatChanged()
    {
        using var anna = new StudioClient(fixture.App, fixture.A.Key);
        using var bernd = new StudioClient(fixture.App, fixture.A.Key, "bernd-" + fixture.A.Key, "Bernd Berger");
        (await anna.PutYamlAsync("# Sachgebiet\n" + UnitYaml("u2", "Alt"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var annasPage = await anna.PageAsync("/admin/studio/unit/u2");

        (await bernd.PostFormAsync("/admin/studio/unit/u2", "Save", f => StudioClient.Set(f, "spec.name", "Von Bernd"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await DocumentAsync(anna, "unit", "u2")).GetProperty("yaml").GetString().ShouldBe("# Sachgebiet\nkind: unit\nkey: u2\nspec:\n  code: \"30.20\"\n  name: Von Bernd\n");

        var conflict = await anna.PostFormAsync("/admin/studio/unit/u2", "Save", f => StudioClient.Set(f, "spec.name", "Von Anna"), annasPage);
        var html = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict, html);
        html.ShouldContain("Bernd Berger hat dieses Dokument");
        html.ShouldContain("Von Bernd");
        html.ShouldContain("value=\"Von Anna\"");
        // Saving again, knowingly, replaces Bernd's version.
        (await anna.PostFormAsync("/admin/studio/unit/u2", "Save", html: await conflict.Content.ReadAsStringAsync())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await DocumentAsync(anna, "unit", "u2")).GetProperty("yaml").GetString()!.ShouldContain("name: Von Anna");
    }

    [Fact]
    public async Task OnlyTheChosenDrafts_ArePublished_AndAnOldVersionIsRestored_WithAuthorAndBerlinTimeInTheHistory()
    {
        using var admin = new StudioClient(fixture.App, fixture.A.Key);
        foreach (var key in new[] { "p1", "p2", "p3" })
        {
            (await admin.PutYamlAsync(UnitYaml(key, "Erste " + key))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var published = await admin.PostFormAsync("/admin/studio", "Publish", f => f.RemoveAll(c => c.Key == "Chosen"), null);
        published.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // nothing chosen
        var index = await admin.PageAsync("/admin/studio");
        var fields = new List<KeyValuePair<string, string>> { new("Chosen", "unit|p1|1"), new("Chosen", "unit|p3|1") };
        (await admin.PostAsync("/admin/studio", "Publish", fields, index)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await DocumentAsync(admin, "unit", "p1")).GetProperty("state").GetString().ShouldBe("Published");
        (await DocumentAsync(admin, "unit", "p2")).GetProperty("state").GetString().ShouldBe("Draft");

        (await admin.PutYamlAsync(UnitYaml("p1", "Zweite"), 1)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = WebUtility.HtmlDecode(await admin.PageAsync("/admin/studio/unit/p1/history"));
        history.ShouldContain(StudioClient.DisplayName);
        history.ShouldNotContain("admin-" + fixture.A.Key);
        history.ShouldMatch(@"datetime=""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00""");
        var restored = await admin.PostAsync("/admin/studio/unit/p1/history", "Restore", [new("Version", "1")], await admin.PageAsync("/admin/studio/unit/p1/history"));
        restored.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await DocumentAsync(admin, "unit", "p1")).GetProperty("yaml").GetString().ShouldBe(UnitYaml("p1", "Erste p1"));
        var diff = WebUtility.HtmlDecode(await admin.PageAsync("/admin/studio/unit/p1/diff"));
        diff.ShouldContain("gleich");
    }

    [Fact]
    public async Task AnotherAuthoritysAdmin_ReachesNoneOfAsDraftsHistoriesOrExports()
    {
        using var a = new StudioClient(fixture.App, fixture.A.Key);
        using var b = new StudioClient(fixture.App, fixture.B.Key);
        const string marker = "GEHEIM-A";
        (await a.PutYamlAsync(UnitYaml("geheim", marker))).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var path in new[] { "/admin/studio", "/admin/studio/unit/geheim", "/admin/studio/unit/geheim?view=yaml", "/admin/studio/unit/geheim/diff",
                     "/admin/studio/unit/geheim/history", "/admin/studio/unit/geheim/preview", "/admin/studio/exchange?handler=Export",
                     "/api/studio/documents", "/api/studio/documents/unit/geheim", "/api/studio/documents/unit/geheim/history",
                     "/api/studio/documents/unit/geheim/diff", "/api/studio/export" })
        {
            var response = await b.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldNotContain(marker, customMessage: path);
            ((int)response.StatusCode).ShouldBeLessThan(500, path);
        }

        // B's writes with A's key change B only.
        (await b.SendAsync(new HttpRequestMessage(HttpMethod.Delete, b.Path("/api/studio/documents/unit/geheim/draft")))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.SendAsync(new HttpRequestMessage(HttpMethod.Post, b.Path("/api/studio/documents/unit/geheim/restore?version=1")))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostFormAsync("/admin/studio/unit/geheim", "Save", f => StudioClient.Set(f, "spec.name", "Von B"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await DocumentAsync(a, "unit", "geheim")).GetProperty("yaml").GetString().ShouldBe(UnitYaml("geheim", marker));
        (await a.GetAsync("/admin/studio/unit/geheim/history")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AConfigurationExportedFromOneAuthority_IsImportedIntoAnother_AndABrokenOneShowsFileLineAndColumn()
    {
        using var a = new StudioClient(fixture.App, fixture.A.Key);
        using var b = new StudioClient(fixture.App, fixture.B.Key);
        (await a.PutYamlAsync(UnitYaml("umzug", "Umgezogen"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var all = JsonDocument.Parse(await (await a.GetAsync("/api/studio/documents")).Content.ReadAsStringAsync()).RootElement;
        var version = all.EnumerateArray().First(e => e.GetProperty("key").GetString() == "umzug").GetProperty("draft").GetInt32();
        (await a.PostAsync("/admin/studio", "Publish", [new("Chosen", $"unit|umzug|{version}")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var export = await a.GetAsync("/admin/studio/exchange?handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var zip = await export.Content.ReadAsByteArrayAsync();

        var imported = await ImportAsync(b, zip, "a.zip");
        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect, await imported.Content.ReadAsStringAsync());
        (await DocumentAsync(b, "unit", "umzug")).GetProperty("state").GetString().ShouldBe("Draft");

        var broken = Zip("units/kaputt.yaml", "kind: unit\nkey: kaputt\nspec:\n  code: [\n");
        var refused = await ImportAsync(b, broken, "kaputt.zip");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, html);
        html.ShouldMatch(@"units/kaputt\.yaml:\d+:\d+");
    }

    private static async Task<HttpResponseMessage> ImportAsync(StudioClient client, byte[] zip, string name)
    {
        var html = await client.PageAsync("/admin/studio/exchange");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        using var form = new MultipartFormDataContent { { file, "archive", name }, { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, client.Path("/admin/studio/exchange?handler=Import")) { Content = form };
        return await client.SendAsync(request);
    }

    private static byte[] Zip(string name, string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static async Task<JsonElement> DocumentAsync(StudioClient admin, string kind, string key)
    {
        var response = await admin.GetAsync($"/api/studio/documents/{kind}/{key}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}

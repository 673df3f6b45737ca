using Saas.Modules.Cases.Tests.Features.Retention;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>
/// A hand-over from the workbench pages, with the same use cases as the API: A's caseworker chooses the receiver
/// and gives a reason (problems named at their inputs), confirms, and sees the hand-over with its package and
/// state; B's caseworker takes the package over through B's upload form, and A's page then says so.
/// </summary>
public sealed class TransferPagesTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AFile_IsHandedOverFromItsPage_AfterAConfirmation_AndTakenOverThroughTheOtherAuthoritysUploadForm()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = await a.CreateFileAsync("Umzug" + Guid.NewGuid().ToString("N")[..8]);
        var id = file.GetProperty("id").GetGuid();
        var number = file.GetProperty("fileNumber").GetString()!;
        var (status, _) = await a.PostFileAsync($"api/cases/files/{id}/documents", TestPdf.Create(["Meldebestaetigung"]), "application/pdf", "melde.pdf");
        status.ShouldBe(HttpStatusCode.Created);

        var pages = PageForms.For(fixture, fixture.A.Key);
        var start = $"workbench/transfers/new?file={id}";
        var form = await pages.PageAsync(start);
        form.ShouldContain($"<option value=\"{fixture.B.Key}\">");
        form.ShouldNotContain($"<option value=\"{fixture.A.Key}\">");

        // Nothing chosen, no reason: both named at their inputs, in English; the file stays active.
        var missing = await pages.PostAsync(start, start + "&handler=Review", [("ToAuthority", ""), ("Reason", "")], "en");
        var missingHtml = await missing.Content.ReadAsStringAsync();
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest, missingHtml);
        missingHtml.ShouldContain("id=\"toAuthority-error\">The receiving authority is missing.</p>");
        missingHtml.ShouldContain("id=\"reason-error\">The reason for the hand-over is missing or longer than 1000 characters.</p>");

        // Reviewed: the page asks once more and has handed nothing over yet.
        var review = await pages.PostAsync(start, start + "&handler=Review", [("ToAuthority", fixture.B.Key), ("Reason", "Umzug nach B")]);
        var reviewHtml = await review.Content.ReadAsStringAsync();
        review.StatusCode.ShouldBe(HttpStatusCode.OK, reviewHtml);
        reviewHtml.ShouldContain("Akte wirklich abgeben?");
        (await a.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file").GetProperty("status").GetString().ShouldBe("active");

        var sent = await pages.PostAsync(start, start + "&handler=HandOver", [("ToAuthority", fixture.B.Key), ("Reason", "Umzug nach B")]);
        var detail = pages.Location(sent);
        detail.ShouldMatch("^workbench/transfers/[0-9a-f-]{36}\\?sent=True$");
        var transferId = Guid.Parse(detail.Substring("workbench/transfers/".Length, 36));
        var html = await pages.PageAsync(detail);
        html.ShouldContain("Die Akte wurde abgegeben.");
        html.ShouldContain(number);
        html.ShouldContain(fixture.B.Key);
        html.ShouldContain("id=\"transfer-state\">abgegeben, noch nicht übernommen");
        (await a.GetJsonAsync($"api/cases/files/{id}")).GetProperty("file").GetProperty("status").GetString().ShouldBe("transferred");

        // The package from the page is the one the API serves.
        using var download = await pages.Http.GetAsync($"workbench/transfers/{transferId}?handler=Package");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var package = await download.Content.ReadAsByteArrayAsync();
        package.ShouldBe(await a.Http.GetByteArrayAsync($"api/cases/transfers/{transferId}/package"));

        // A package that is no zip is refused next to B's upload form.
        var b = PageForms.For(fixture, fixture.B.Key);
        var bad = await b.PostAsync("workbench/transfers", "workbench/transfers?handler=Import", [], upload: ("Package", "abgabe.zip", "kein zip"u8.ToArray()));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badHtml = await bad.Content.ReadAsStringAsync();
        badHtml.IndexOf("role=\"alert\"", StringComparison.Ordinal).ShouldBeGreaterThan(badHtml.IndexOf("id=\"import-heading\"", StringComparison.Ordinal));

        var imported = await b.PostAsync("workbench/transfers", "workbench/transfers?handler=Import", [], upload: ("Package", "abgabe.zip", package));
        var received = b.Location(imported);
        received.ShouldMatch("^workbench/transfers/[0-9a-f-]{36}\\?imported=True$");
        var atB = await b.PageAsync(received);
        atB.ShouldContain("Das Paket wurde übernommen");
        atB.ShouldContain("id=\"transfer-state\">übernommen");
        atB.ShouldContain(fixture.A.Key);

        // The sender's page now shows that the receiver took it over; the list shows the hand-over.
        (await pages.PageAsync($"workbench/transfers/{transferId}")).ShouldContain("id=\"transfer-state\">von der empfangenden Behörde übernommen");
        (await pages.PageAsync("workbench/transfers")).ShouldContain($"href=\"/t/{fixture.A.Key}/workbench/transfers/{transferId}\"");
        (await a.GetJsonAsync($"api/cases/transfers/{transferId}")).GetProperty("state").GetString().ShouldBe("received-by-receiver");

        // B cannot read A's hand-over, nor hand over A's file.
        (await b.GetAsync($"workbench/transfers/{transferId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetAsync(start)).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}

using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Tests.Features.ResidenceDocuments;

/// <summary>
/// Residence titles and passports in the file (docs/adr/0022): recorded through the API and the contract, read back,
/// found by their expiry, audited; bad input refused with the field and the reason in German and English; another
/// authority's file is not found.
/// </summary>
public sealed class ResidenceDocumentsTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ATitleAndAPassport_AreRecorded_ReadBack_FoundByExpiry_AndAudited()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Bondarenko", "Iryna")).GetProperty("id").GetGuid();
        var (recorded, title) = await a.PostJsonAsync($"api/cases/files/{file}/residence-titles", new
        {
            legalBasis = "AufenthG-24", validFrom = "2026-03-05", validUntil = "2027-03-04", cardNumber = "y1234567x",
            conditions = new[] { "Erwerbstätigkeit erlaubt.", "  ", "Wohnsitzauflage: Aachen" },
        });
        recorded.ShouldBe(HttpStatusCode.Created, title.ToString());
        title.GetProperty("cardNumber").GetString().ShouldBe("Y1234567X");
        title.GetProperty("conditions").GetArrayLength().ShouldBe(2);
        var (passportStatus, passport) = await a.PostJsonAsync($"api/cases/files/{file}/passports", new { number = "fa 123 456", issuingState = "ukr", validUntil = "2027-01-31" });
        passportStatus.ShouldBe(HttpStatusCode.Created, passport.ToString());
        passport.GetProperty("number").GetString().ShouldBe("FA123456");

        var read = await a.GetJsonAsync($"api/cases/files/{file}/residence");
        read.GetProperty("titles").EnumerateArray().Single().GetProperty("legalBasis").GetString().ShouldBe("AufenthG-24");
        read.GetProperty("passports").EnumerateArray().Single().GetProperty("issuingState").GetString().ShouldBe("UKR");

        var expiring = (await a.GetJsonAsync("api/cases/residence/expiring?from=2027-01-01&to=2027-03-31")).EnumerateArray().ToList();
        expiring.Where(e => e.GetProperty("caseFileId").GetGuid() == file).Select(e => e.GetProperty("kind").GetString())
            .ShouldBe(["passport", "residence-title"]);
        (await a.GetJsonAsync("api/cases/residence/expiring?from=2027-03-05&to=2027-12-31")).EnumerateArray()
            .Any(e => e.GetProperty("caseFileId").GetGuid() == file).ShouldBeFalse();

        await using var connection = new NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT string_agg(action, ',' ORDER BY seq) FROM audit.events WHERE tenant_id = $1 AND record_id = $2 AND (action LIKE 'residence%' OR action LIKE 'passport%')", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = fixture.A.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = file.ToString() });
        (await cmd.ExecuteScalarAsync()).ShouldBe("residence-title.record,passport.record,residence-documents.read");
    }

    [Theory]
    [InlineData("de", "validUntil", "Gültig bis (2026-01-01) liegt vor gültig ab (2026-02-01).")]
    [InlineData("en", "validUntil", "Valid until (2026-01-01) lies before valid from (2026-02-01).")]
    public async Task ATitleValidUntilBeforeItsStart_IsRefused_WithTheFieldAndReasonInTheReadersLanguage(string language, string field, string reason)
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Melnyk", "Oksana")).GetProperty("id").GetGuid();
        var (status, body) = await a.PostJsonAsync($"api/cases/files/{file}/residence-titles?lang={language}",
            new { legalBasis = "AufenthG-18a", validFrom = "2026-02-01", validUntil = "2026-01-01" });
        status.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
        body.GetProperty("code").GetString().ShouldBe("residence-document-invalid");
        body.GetProperty("title").GetString()!.ShouldContain(reason);
        body.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(reason);
    }

    [Fact]
    public async Task BadInput_IsRefused_WithItsField_AndNothingIsStored()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Shevchenko", "Taras")).GetProperty("id").GetGuid();
        async Task<string> FieldOf(string path, object body)
        {
            var (status, problem) = await a.PostJsonAsync(path, body);
            status.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
            problem.GetProperty("code").GetString().ShouldBe("residence-document-invalid");
            return problem.GetProperty("errors").EnumerateObject().Single().Name;
        }

        var titles = $"api/cases/files/{file}/residence-titles";
        (await FieldOf(titles, new { legalBasis = "AufenthG-999", validFrom = "2026-01-01" })).ShouldBe("legalBasis");
        (await FieldOf(titles, new { legalBasis = "AufenthG-60a", validFrom = "2026-01-01" })).ShouldBe("legalBasis"); // a toleration is no title
        (await FieldOf(titles, new { legalBasis = "AufenthG-7", validFrom = "2026-01-01", cardNumber = "12-45" })).ShouldBe("cardNumber");
        (await FieldOf(titles, new { legalBasis = "AufenthG-7", validFrom = "2026-01-01", conditions = Enumerable.Repeat("x", 21).ToArray() })).ShouldBe("conditions");
        var passports = $"api/cases/files/{file}/passports";
        (await FieldOf(passports, new { number = "AB12", issuingState = "UKR", validUntil = "2030-01-01" })).ShouldBe("number");
        (await FieldOf(passports, new { number = "AB12345678", issuingState = "UKR", validUntil = "2030-01-01" })).ShouldBe("number");
        (await FieldOf(passports, new { number = "AB-123456", issuingState = "UKR", validUntil = "2030-01-01" })).ShouldBe("number");
        (await FieldOf(passports, new { number = "AB123456", issuingState = "XXX", validUntil = "2030-01-01" })).ShouldBe("issuingState");

        var response = await a.Http.GetAsync("api/cases/residence/expiring?from=2027-01-01&to=2026-01-01");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var read = await a.GetJsonAsync($"api/cases/files/{file}/residence");
        read.GetProperty("titles").GetArrayLength().ShouldBe(0);
        read.GetProperty("passports").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AnotherAuthoritysFile_IsNotFound_ForRecordingOrReading_AndAForgedCaseIsRefused()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var file = (await a.CreateFileAsync("Kovalenko", "Olena")).GetProperty("id").GetGuid();
        var other = (await a.CreateFileAsync("Kovalenko", "Petro")).GetProperty("id").GetGuid();
        var (_, otherCase) = await a.PostJsonAsync($"api/cases/files/{other}/cases", new { kind = "aufenthaltserlaubnis", title = "Antrag" });

        var (forged, forgedBody) = await a.PostJsonAsync($"api/cases/files/{file}/residence-titles",
            new { legalBasis = "AufenthG-18a", validFrom = "2026-01-01", caseId = otherCase.GetProperty("id").GetGuid() });
        forged.ShouldBe(HttpStatusCode.NotFound, forgedBody.ToString());
        forgedBody.GetProperty("code").GetString().ShouldBe("case-not-found");

        (await b.PostJsonAsync($"api/cases/files/{file}/residence-titles", new { legalBasis = "AufenthG-18a", validFrom = "2026-01-01" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostJsonAsync($"api/cases/files/{file}/passports", new { number = "AB123456", issuingState = "UKR", validUntil = "2030-01-01" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await b.Http.GetAsync($"api/cases/files/{file}/residence")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherModule_RecordsAndFindsThroughTheContract()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Tkachenko", "Anna")).GetProperty("id").GetGuid();
        using var tenant = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredService<IResidenceDocuments>();
        var title = await documents.RecordTitleAsync(new NewResidenceTitle(file, "AufenthG-9", new DateOnly(2026, 4, 1), null, null, ["Erwerbstätigkeit erlaubt."]));
        title.ValidUntil.ShouldBeNull();
        await documents.RecordPassportAsync(new NewPassport(file, "AB1234567", "SYR", new DateOnly(2026, 6, 30)));
        var mine = await documents.GetAsync(file);
        mine.Titles.Single().LegalBasis.ShouldBe("AufenthG-9");
        (await documents.FindExpiringAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30))).ShouldContain(e => e.CaseFileId == file && e.Kind == "passport");
        await Should.ThrowAsync<Saas.Platform.Errors.SaasProblemException>(() => documents.FindExpiringAsync(new DateOnly(2026, 1, 1), new DateOnly(2028, 1, 1)));
    }
}

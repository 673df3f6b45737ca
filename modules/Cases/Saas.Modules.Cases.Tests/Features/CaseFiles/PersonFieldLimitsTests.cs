namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>
/// Hardening item 6: the person fields of a new file have limits, and a refusal names its field (400
/// person-field-invalid) instead of storing a 100,000-character surname or answering a 1 MB one with a misleading
/// 409 "file number taken".
/// </summary>
public sealed class PersonFieldLimitsTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> TooLong() => new()
    {
        { "surname", """{"surname": "%"}""".Replace("%", new string('N', 100_000), StringComparison.Ordinal) },
        { "surname", """{"surname": "%"}""".Replace("%", new string('N', 1024 * 1024), StringComparison.Ordinal) },
        { "surname", """{"surname": "%"}""".Replace("%", new string('N', 201), StringComparison.Ordinal) },
        { "givenNames", """{"surname": "Kurz", "givenNames": "%"}""".Replace("%", new string('G', 201), StringComparison.Ordinal) },
        { "nameVariants", """{"surname": "Kurz", "nameVariants": ["%"]}""".Replace("%", new string('V', 201), StringComparison.Ordinal) },
        { "nameVariants", """{"surname": "Kurz", "nameVariants": [%]}""".Replace("%", string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"V{i}\"")), StringComparison.Ordinal) },
        { "nationalities", """{"surname": "Kurz", "nationalities": ["DEUTSCHLAND"]}""" },
        { "centralRegisterNumber", """{"surname": "Kurz", "centralRegisterNumber": "12345"}""" },
        { "centralRegisterNumber", """{"surname": "Kurz", "centralRegisterNumber": "12345678901a"}""" },
        { "fileNumber", """{"surname": "Kurz", "fileNumber": "%"}""".Replace("%", new string('1', 65), StringComparison.Ordinal) },
        { "surname", """{"surname": "Zeile\nZwei"}""" },
    };

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task HardeningItem6_APersonFieldTooLongOrMalformed_IsA400NamingTheField(string field, string json)
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var response = await a.Http.PostAsync("api/cases/files", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text.Length > 500 ? text[..500] : text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("person-field-invalid");
        problem.GetProperty("detail").GetString().ShouldBe(field);
        problem.GetProperty("title").GetString()!.ShouldContain(field);
    }

    [Fact]
    public async Task HardeningItem6_FieldsAtTheirLimits_AreAccepted()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var (status, body) = await a.PostJsonAsync("api/cases/files", new
        {
            surname = new string('N', 200),
            givenNames = new string('G', 200),
            nameVariants = Enumerable.Range(0, 20).Select(i => $"Variante{i}").ToArray(),
            nationalities = new[] { "DEU", "POL" },
            centralRegisterNumber = "123456789012",
        });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        body.GetProperty("surname").GetString()!.Length.ShouldBe(200);
    }
}

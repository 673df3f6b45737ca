namespace Saas.Modules.Cases.Tests.Features.Documents;

/// <summary>Documents get a type from the authority's own catalogue (metadata), wherever they come in.</summary>
public sealed class DocumentTypeCatalogueTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ATypeOutsideTheCatalogue_IsRefusedWithTheKnownTypes_AndTheOtherAuthorityIsNotBound()
    {
        using (var scope = fixture.App.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            await store.SaveDraftAsync("kind: document-type\nkey: antrag\nspec:\n  name: Antrag\n", "test");
            await store.SaveDraftAsync("kind: document-type\nkey: pass\nspec:\n  name: Pass\n", "test");
            await store.PublishAsync(null, "test");
        }

        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var file = (await a.CreateFileAsync("Katalog")).GetProperty("id").GetGuid();
        var fields = new Dictionary<string, string> { ["documentType"] = "kochrezept" };
        var (status, problem) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["x"]), "application/pdf", "a.pdf", fields);
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("code").GetString().ShouldBe("unknown-document-type");
        problem.GetProperty("title").GetString()!.ShouldContain("antrag, pass");
        (await a.PostJsonAsync($"api/cases/files/{file}/cover-sheets", new { documentType = "kochrezept" })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        fields["documentType"] = "antrag";
        (await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Antrag"]), "application/pdf", "a.pdf", fields)).Status.ShouldBe(HttpStatusCode.Created);

        var b = await CasesApi.SignInAsync(fixture, fixture.B.Key);
        var fileOfB = (await b.CreateFileAsync("Ohne Katalog")).GetProperty("id").GetGuid();
        fields["documentType"] = "kochrezept";
        (await b.PostFileAsync($"api/cases/files/{fileOfB}/documents", TestPdf.Create(["y"]), "application/pdf", "b.pdf", fields)).Status.ShouldBe(HttpStatusCode.Created);
    }
}

namespace Saas.Modules.Cases.Tests.Features.Blobs;

/// <summary>Blobs in a folder of the test's own, and no grace period, so orphans can be swept at once.</summary>
public sealed class SweepNowFixture : TwoTenantsFixture
{
    public string BlobRoot { get; } = Path.Combine(Path.GetTempPath(), "saas-blobs-" + Guid.NewGuid().ToString("N"));

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Storage:FileSystem:Root"] = BlobRoot,
        ["Cases:Blobs:OrphanGraceHours"] = "0",
    };
}

/// <summary>
/// Crash safety of the upload path and the jobs that keep the blob store honest: an upload that fails between
/// blob and row leaves no visible document and an orphan that the sweeper removes; the verify job finds changed
/// and missing bytes. Each authority's jobs touch only its own blobs.
/// </summary>
public sealed class BlobMaintenanceTests(SweepNowFixture fixture) : IClassFixture<SweepNowFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string CrashTitle = "crash-between-blob-and-row";

    [Fact]
    public async Task AnUploadInterruptedBetweenBlobAndRow_LeavesNoDocument_AndTheSweeperRemovesTheOrphan()
    {
        await InstallCrashAsync();
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var adminA = await CasesApi.SignInAsync(fixture, fixture.A.Key, "admin");
        var adminB = await CasesApi.SignInAsync(fixture, fixture.B.Key, "admin");
        var file = (await a.CreateFileAsync("Absturz")).GetProperty("id").GetGuid();
        var kept = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["bleibt " + Guid.NewGuid()]), "application/pdf", "ok.pdf");
        kept.Status.ShouldBe(HttpStatusCode.Created);

        var orphanPdf = TestPdf.Create(["verwaist " + Guid.NewGuid()]);
        var orphan = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(orphanPdf));
        var (status, _) = await a.PostFileAsync($"api/cases/files/{file}/documents", orphanPdf, "application/pdf", "crash.pdf",
            new Dictionary<string, string> { ["title"] = CrashTitle });
        status.ShouldBe(HttpStatusCode.InternalServerError);

        // No half-document: the file shows only the first one, though the blob was written.
        (await a.GetJsonAsync($"api/cases/files/{file}")).GetProperty("documents").GetArrayLength().ShouldBe(1);
        (await ExistsAsync(fixture.A, orphan)).ShouldBeTrue();

        // Authority B's sweep does not touch A's blobs.
        await Ok(adminB.Http.PostAsync("api/cases/admin/blobs/sweep", null));
        (await ExistsAsync(fixture.A, orphan)).ShouldBeTrue();

        var swept = await Ok(adminA.Http.PostAsync("api/cases/admin/blobs/sweep", null));
        swept.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("sha256").GetString()).ShouldContain(orphan);
        (await ExistsAsync(fixture.A, orphan)).ShouldBeFalse();
        (await ExistsAsync(fixture.A, kept.Body.GetProperty("sha256").GetString()!)).ShouldBeTrue();
        (await a.Http.GetAsync($"api/cases/documents/{kept.Body.GetProperty("id").GetGuid()}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AChangedByte_IsNeverServed_AndTheVerifyJobReportsIt_OnlyToItsAuthority()
    {
        var a = await CasesApi.SignInAsync(fixture, fixture.A.Key);
        var adminA = await CasesApi.SignInAsync(fixture, fixture.A.Key, "admin");
        var adminB = await CasesApi.SignInAsync(fixture, fixture.B.Key, "admin");
        var file = (await a.CreateFileAsync("Bitfehler")).GetProperty("id").GetGuid();
        var (_, body) = await a.PostFileAsync($"api/cases/files/{file}/documents", TestPdf.Create(["Bitfehler " + Guid.NewGuid()]), "application/pdf", "doc.pdf");
        var sha = body.GetProperty("sha256").GetString()!;

        var path = Path.Combine(fixture.BlobRoot, fixture.A.Id.ToString("D"), sha[..2], sha);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^3] ^= 0x01;
        File.SetAttributes(path, FileAttributes.Normal);
        await File.WriteAllBytesAsync(path, bytes);

        // Hardening item 7: the read path checks the hash too; the changed bytes are never served.
        var served = await a.Http.GetAsync($"api/cases/documents/{body.GetProperty("id").GetGuid()}/content");
        served.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var problem = await served.Content.ReadAsStringAsync();
        problem.ShouldContain("\"code\":\"blob-damaged\"");
        problem.ShouldNotContain("%PDF");

        var verified = await Ok(adminA.Http.PostAsync("api/cases/admin/blobs/verify", null));
        verified.GetProperty("problems").EnumerateArray().ShouldContain(p => p.GetProperty("sha256").GetString() == sha && p.GetProperty("problem").GetString()!.StartsWith("changed"));
        var checks = await adminA.GetJsonAsync("api/cases/admin/blobs/checks");
        checks.EnumerateArray().First().GetProperty("kind").GetString().ShouldBe("verify");

        var ofB = await Ok(adminB.Http.PostAsync("api/cases/admin/blobs/verify", null));
        ofB.GetProperty("problems").EnumerateArray().ShouldNotContain(p => p.GetProperty("sha256").GetString() == sha);
        (await adminB.GetJsonAsync("api/cases/admin/blobs/checks")).ToString().ShouldNotContain(sha);
        (await a.Http.PostAsync("api/cases/admin/blobs/verify", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<bool> ExistsAsync(TenantInfo tenant, string sha)
    {
        using var scope = fixture.App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        return await scope.ServiceProvider.GetRequiredService<IBlobStore>().ExistsAsync(sha);
    }

    /// <summary>Makes the database refuse the document row after the blob was stored, as a crash at that point would.</summary>
    private static async Task InstallCrashAsync()
    {
        await using var connection = new NpgsqlConnection((await TestDatabase.GetAsync()).OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE OR REPLACE FUNCTION cases.test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.title = '{CrashTitle}' THEN RAISE EXCEPTION 'simulated crash between blob and row'; END IF;
                RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS test_crash ON cases.documents;
            CREATE TRIGGER test_crash BEFORE INSERT ON cases.documents FOR EACH ROW EXECUTE FUNCTION cases.test_crash();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement;
    }
}

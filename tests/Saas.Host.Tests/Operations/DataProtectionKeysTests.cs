using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Saas.Host.Tests.Operations;

/// <summary>
/// Hardening item 3: the data-protection master keys sign every session cookie; whoever reads them from
/// <c>platform.data_protection_keys</c> (the application role can) could mint sessions, unless they are encrypted.
/// </summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task HardeningItem3_TheHost_RefusesToStartInProduction_WithoutACertificateForTheKeys()
    {
        var db = await TestDatabase.GetAsync();
        await using var app = new ProductionApp(db, KeycloakSettings());
        var error = Should.Throw<InvalidOperationException>(() => app.Server);
        error.Message.ShouldContain("DataProtection:CertificatePath");
    }

    [Fact]
    public async Task HardeningItem3_WithACertificate_TheStoredKeyIsEncrypted_AndStillUnprotects()
    {
        var db = await TestDatabase.GetAsync();
        var pfx = Path.Combine(Path.GetTempPath(), "saas-dp-" + Guid.NewGuid().ToString("N") + ".pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=saas data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-test"));
        }

        await using var app = new SaasAppFactory(db, new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "pfx-test",
        });
        var keys = app.Services.GetRequiredService<IKeyManager>();
        var key = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT xml FROM platform.data_protection_keys WHERE xml LIKE $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = $"%{key.KeyId}%" });
        var xml = (string)(await cmd.ExecuteScalarAsync())!;
        xml.ShouldContain("encryptedSecret");
        xml.ShouldNotContain("<value>");

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("hardening-item-3");
        protector.Unprotect(protector.Protect("sitzung"u8.ToArray())).ShouldBe("sitzung"u8.ToArray());
    }

    internal static Dictionary<string, string?> KeycloakSettings() => new()
    {
        ["Identity:Mode"] = "Keycloak",
        ["Identity:Authority"] = "https://keycloak.test/realms/saas",
        ["Identity:ClientId"] = "saas-web",
        ["Identity:ClientSecret"] = "unused-in-this-test",
        ["Identity:Audience"] = "saas-api",
        ["Identity:SigningKeysJwks"] = """{"keys":[]}""",
    };

    private sealed class ProductionApp(TestDatabase db, IDictionary<string, string?> settings) : SaasAppFactory(db, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}

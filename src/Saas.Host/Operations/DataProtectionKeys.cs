using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Saas.Host.Operations;

/// <summary>
/// The data-protection master keys (which sign session cookies and antiforgery tokens) live in
/// <c>platform.data_protection_keys</c>, readable by the application role. In Production they must be encrypted
/// at rest with a certificate (hardening item 3): <c>DataProtection:CertificatePath</c> (a PFX file, e.g. a mounted
/// secret) with <c>DataProtection:CertificatePassword</c>, or <c>DataProtection:CertificateThumbprint</c> (a
/// certificate with private key in the CurrentUser or LocalMachine "My" store). Without one the host refuses to
/// start in Production; in Development and Testing the keys stay unencrypted and the host says so at start-up.
/// </summary>
internal static class DataProtectionKeys
{
    public const string Section = "DataProtection";

    public static void Protect(IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var certificate = Load(configuration);
        if (certificate is not null)
        {
            // Also used to decrypt; keys protected with an older certificate need it too (UnprotectKeysWithAnyCertificate).
            builder.ProtectKeysWithCertificate(certificate);
            return;
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                "The data-protection keys (session cookies, antiforgery) must be encrypted at rest in Production: configure " +
                "DataProtection:CertificatePath (PFX) and DataProtection:CertificatePassword, or DataProtection:CertificateThumbprint.");
        }

        builder.Services.AddHostedService<UnprotectedKeysWarning>();
    }

    internal static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[$"{Section}:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate : throw new InvalidOperationException($"{path}: the data-protection certificate has no private key.");
        }

        var thumbprint = configuration[$"{Section}:CertificateThumbprint"];
        if (string.IsNullOrWhiteSpace(thumbprint))
        {
            return null;
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0 && found[0].HasPrivateKey)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException($"No certificate with private key and thumbprint {thumbprint} in the CurrentUser or LocalMachine My store.");
    }

    private sealed class UnprotectedKeysWarning(ILogger<UnprotectedKeysWarning> logger, IHostEnvironment environment) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Data-protection keys are stored unencrypted in platform.data_protection_keys ({Environment}); Production requires DataProtection:CertificatePath or :CertificateThumbprint.", environment.EnvironmentName);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

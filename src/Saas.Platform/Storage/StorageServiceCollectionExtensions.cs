using Minio;

namespace Saas.Platform.Storage;

/// <summary>
/// <c>Storage:Provider</c> = <c>FileSystem</c> (default; <c>Storage:FileSystem:Root</c>, default .local/blobs) or
/// <c>Minio</c> (<c>Storage:Minio:Endpoint</c> host:port, <c>AccessKey</c>, <c>SecretKey</c>, <c>Bucket</c>, <c>UseSsl</c>).
/// </summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddSaasBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IBlobStore>(sp =>
        {
            var section = configuration.GetSection("Storage");
            var current = sp.GetRequiredService<ICurrentTenant>();
            if (string.Equals(section["Provider"], "Minio", StringComparison.OrdinalIgnoreCase))
            {
                var minio = section.GetSection("Minio");
                var endpoint = minio["Endpoint"] ?? throw new InvalidOperationException("Storage:Minio:Endpoint is not configured.");
                var client = new MinioClient()
                    .WithEndpoint(endpoint)
                    .WithCredentials(minio["AccessKey"], minio["SecretKey"])
                    .WithSSL(minio.GetValue("UseSsl", true))
                    .Build();
                return new MinioBlobStore(client, minio["Bucket"] ?? "saas-blobs", current);
            }

            return new FileSystemBlobStore(Path.GetFullPath(section["FileSystem:Root"] ?? Path.Combine(".local", "blobs")), current);
        });
        return services;
    }
}

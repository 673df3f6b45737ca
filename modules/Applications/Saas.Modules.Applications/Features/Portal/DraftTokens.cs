using System.Security.Cryptography;
using System.Text;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>The secrets of a draft: its link token (32 random bytes, stored only as SHA-256) and its submit's Idempotency-Key.</summary>
internal static class DraftTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewIdempotencyKey() => Base64Url(RandomNumberGenerator.GetBytes(18));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token ?? ""));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

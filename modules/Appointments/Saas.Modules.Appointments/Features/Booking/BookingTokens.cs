using System.Security.Cryptography;
using System.Text;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// The secrets of a booking: the link token (for confirming, cancelling and rebooking), stored only as its SHA-256 hash,
/// and the booking code a person names at the counter (no 0/O or 1/I, so it is read out without mistakes).
/// </summary>
internal static class BookingTokens
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token ?? ""));

    public static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(CodeAlphabet, 8);
        return new string(chars, 0, 4) + "-" + new string(chars, 4, 4);
    }

    /// <summary>The person a booking is bound to: the name lower-cased with single spaces, and the birth date.</summary>
    public static string PersonKey(string name, DateOnly birthDate) =>
        string.Join(' ', (name ?? "").Normalize(NormalizationForm.FormC).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        + "|" + birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Saas.Testing;

namespace Saas.Browser.Tests;

/// <summary>
/// The check of a guest's e-mail address (docs/adr/0040) as the person does it: the link in the mail that arrived at
/// the real SMTP server (maildev), opened on this test's host, or its code sent as the portal's button does.
/// </summary>
internal static partial class EmailCheck
{
    /// <summary>The check link of the newest mail to <paramref name="email"/>, on <paramref name="fixture"/>'s host.</summary>
    public static async Task<Uri> LinkAsync(BrowserFixture fixture, string email)
    {
        var link = await MatchAsync(email);
        return new Uri(fixture.BaseAddress, link.Groups["path"].Value);
    }

    /// <summary>Confirms the booking through the API with the code of the mail to <paramref name="email"/>.</summary>
    public static async Task VerifyAsync(HttpClient http, string email)
    {
        var link = await MatchAsync(email);
        var response = await http.PostAsJsonAsync($"api/appointments/bookings/{link.Groups["token"].Value}/verify-email",
            new { code = Uri.UnescapeDataString(link.Groups["code"].Value) });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Match> MatchAsync(string email)
    {
        for (var count = 1; ; count++)
        {
            var mails = await TestMail.WaitForAsync(email, count);
            foreach (var mail in mails.Reverse())
            {
                var match = CheckLink().Match(mail.GetProperty("text").GetString() ?? "");
                if (match.Success)
                {
                    return match;
                }
            }
        }
    }

    [GeneratedRegex(@"https?://[^/\s]+(?<path>/t/[a-z0-9-]+/termine/buchung/(?<token>[A-Za-z0-9_-]{43})\?pruefung=(?<code>[A-Za-z0-9_%-]+))")]
    private static partial Regex CheckLink();
}

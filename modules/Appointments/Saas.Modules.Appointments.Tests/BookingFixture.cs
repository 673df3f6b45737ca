using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Appointments.Tests;

/// <summary>
/// Two fresh authorities per test on a host of their own whose clock the tests move (<see cref="Clock"/>), each with a
/// location open on weekdays 08:00–12:00 and the appointment type <see cref="TypeKey"/>: 30 minutes, one seat, one
/// hour's notice, 30 days' horizon, 24 hours' cut-off, a 10-minute hold. Limits: two bookings per e-mail address, one
/// per person, 30 public writes (and ALTCHA challenges) per client and authority in ten minutes. The location has a call
/// system: counters s1 and s2 call residence and settlement permits in "warten", k1 card pick-ups in "abholung".
/// A guest's confirmation counts at once here (<c>Appointments:CheckEmail</c> off): the check of the address by an
/// e-mailed link (docs/adr/0040) is tested with it on, in <see cref="EmailCheckedBookingFixture"/> and the browser tests.
/// </summary>
public class BookingFixture : TwoTenantsFixture
{
    /// <summary>Whether confirming a booking waits for the check of the person's e-mail address.</summary>
    protected virtual bool ChecksEmail => false;

    public const string TypeKey = "probe";

    /// <summary>A video appointment type at the same location (service <c>consultation</c>), uploads filed as <c>sonstiges</c>.</summary>
    public const string VideoTypeKey = "video";

    public const int CutoffHours = 24;

    /// <summary>The call system's window in which a booked appointment counts as due (called before walk-ins).</summary>
    public const int OnTimeMinutes = 10;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Appointments:MaxBookingsPerEmail"] = "2",
        ["Appointments:MaxBookingsPerPerson"] = "1",
        ["ClientLimits:PermitsPerWindow"] = "30",
        ["Appointments:CheckEmail"] = ChecksEmail ? "true" : "false",

        // The reviewed letter templates (the expiry reminders' letters) of the repository's tenants folder.
        ["Letters:TenantsPath"] = TenantFolders.Tenants,
    };

    /// <summary>
    /// Fresh authorities for the next test, and the clock moved on to the next Saturday noon: the first slots (Monday's
    /// or later) then lie beyond the 24 hours' cut-off whatever time the tests run (the clock only moves forward).
    /// </summary>
    public Task FreshAuthoritiesOnSaturdayNoonAsync()
    {
        var today = Saas.Modules.Appointments.Features.Availability.SlotGrid.LocalDate(Clock.GetUtcNow());
        var days = ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7;
        Clock.SetUtcNow(new DateTimeOffset(today.AddDays(days == 0 ? 7 : days).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        return FreshAuthoritiesAsync();
    }

    /// <summary>A client of the authority's portal and API without sign-in, not following redirects.</summary>
    public HttpClient Anonymous(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        return client;
    }

    /// <summary>A client signed in as the authority's <paramref name="person"/> (<c>cw</c>, <c>app</c>, …).</summary>
    public HttpClient As(TenantInfo tenant, string person)
    {
        var client = Anonymous(tenant);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenFor(tenant.Key, $"{person}-{tenant.Key}"));
        return client;
    }

    /// <summary>The answer's JSON, after checking its status (the body is the message if it differs).</summary>
    public static async Task<System.Text.Json.JsonElement> JsonAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    protected override SaasAppFactory CreateApp(TestDatabase database, IDictionary<string, string?> settings) => new ClockedApp(database, settings, Clock);

    protected override async Task PrepareAuthoritiesAsync()
    {
        foreach (var tenant in new[] { A, B })
        {
            using var scope = App.Services.CreateScope();
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            await store.SaveDraftAsync("""
                kind: location
                key: amt
                spec:
                  name: Ausländeramt
                  address: { street: Markt 1, postalCode: "52062", city: Aachen }
                  openingHours: { monday: ["08:00-12:00"], tuesday: ["08:00-12:00"], wednesday: ["08:00-12:00"], thursday: ["08:00-12:00"], friday: ["08:00-12:00"] }
                  services: [residence-permit, settlement-permit, card-pickup, consultation]
                  counters:
                    - { key: s1, name: Schalter 1, kind: front-office }
                    - { key: s2, name: Schalter 2, kind: front-office }
                    - { key: k1, name: Ausgabe, kind: pickup }
                """, "test");
            await store.SaveDraftAsync($$"""
                kind: call-system
                key: amt
                spec:
                  location: amt
                  onTimeMinutes: {{OnTimeMinutes}}
                  checkIn: { earlyMinutes: 30, lateMinutes: 15 }
                  zones:
                    - { key: warten, name: Wartebereich A, nameEn: Waiting area A, counters: [s1, s2] }
                    - { key: abholung, name: Abholung, counters: [k1] }
                  services:
                    - { service: residence-permit, name: Aufenthalt, zone: warten, prefix: A, walkIn: true }
                    - { service: settlement-permit, name: Niederlassung, zone: warten, prefix: N, walkIn: false }
                    - { service: card-pickup, name: Kartenabholung, zone: abholung, prefix: K, walkIn: true }
                """, "test");
            await store.SaveDraftAsync($"""
                kind: appointment-type
                key: {TypeKey}
                spec:
                  name: Verlängerung
                  location: amt
                  service: residence-permit
                  durationMinutes: 30
                  capacity: 1
                  minimumNoticeHours: 1
                  horizonDays: 30
                  cancellationCutoffHours: {CutoffHours}
                  holdMinutes: 10
                """, "test");
            await store.SaveDraftAsync($"""
                kind: appointment-type
                key: {VideoTypeKey}
                spec:
                  name: Videosprechstunde
                  location: amt
                  service: consultation
                  durationMinutes: 20
                  capacity: 1
                  minimumNoticeHours: 1
                  horizonDays: 30
                  video: {"{"} documentType: sonstiges, opensMinutesBefore: 10, closesMinutesAfter: 15 {"}"}
                """, "test");
            await store.SaveDraftAsync("""
                kind: document-type
                key: sonstiges
                spec: { name: Sonstiges, nameEn: Other }
                """, "test");
            await store.PublishAsync(null, "test");
        }
    }

    private sealed class ClockedApp(TestDatabase db, IDictionary<string, string?> settings, TimeProvider clock) : SaasAppFactory(db, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}

/// <summary>The authorities of <see cref="BookingFixture"/> on a host that checks a guest's e-mail address before a booking counts (the default).</summary>
public sealed class EmailCheckedBookingFixture : BookingFixture
{
    protected override bool ChecksEmail => true;
}

/// <summary>
/// The test classes whose hosts run on a clock of their own (<see cref="BookingFixture.Clock"/>). Their hosts share the
/// one test database, and any host's outbox dispatcher may handle another's events: a seat freed at one host's "now"
/// would be judged at another host's, weeks apart (the waitlist's offer, too near or too far). They run one after the
/// other, so only one such clock is running at a time; the other hosts run on the real clock, which is behind theirs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClockedHosts
{
    public const string Name = "appointments hosts on clocks of their own";
}

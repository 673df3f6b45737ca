using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Saas.Modules.Organization.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Saas.Modules.Organization.Features.Locations;
using Saas.Platform.Metadata;
using Saas.Platform.Tenancy;
using Saas.Testing;

namespace Saas.Modules.Organization.Tests.Features.Locations;

/// <summary>
/// Issue 11 item 7: the editor and the portal agree on the days of opening hours. The schema accepts Monday to Sunday
/// (<see cref="OpeningWeek"/>) and the portal shows every day that has hours, so Sunday hours that were published are
/// shown, and a day outside the week is refused where it stands (docs/adr/0018).
/// </summary>
public sealed partial class OpeningWeekTests(TwoTenantsFixture fixture) : IClassFixture<TwoTenantsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HoursOnEveryDayTheSchemaAccepts_SundayIncluded_AreShownOnThePortalAfterPublishing()
    {
        // Each day gets its own hours (08:00 on Monday … 14:00 on Sunday), so each row shows its own day's.
        var days = OpeningWeek.Days.Select((day, i) => (Day: day, Hours: $"{8 + i:00}:00-{8 + i:00}:30")).ToList();
        var yaml = "kind: location\nkey: sonntagsdienst\nspec:\n  name: Sonntagsdienst\n"
                   + "  address: { street: Markt 1, postalCode: \"52062\", city: Aachen }\n  openingHours:\n"
                   + string.Concat(days.Select(d => $"    {OpeningWeek.Name(d.Day)}: [\"{d.Hours}\"]\n"));
        var services = fixture.App.Services;
        using (services.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            var drafts = services.GetRequiredService<IMetadataDrafts>();
            var draft = await drafts.SaveAsync(yaml, null, "admin-test");
            draft.Errors.ShouldBeEmpty();
            (await drafts.PublishAsync([("location", "sonntagsdienst", draft.Document.Version)], "admin-test")).ShouldBe(1);
        }

        var client = fixture.App.CreateClient();
        var response = await client.GetAsync($"/t/{fixture.A.Key}/");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var section = html[html.IndexOf("Sonntagsdienst", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</table>", StringComparison.Ordinal)];
        var shown = HourRow().Matches(section).Select(m => (m.Groups["day"].Value, m.Groups["hours"].Value)).ToList();
        var german = System.Globalization.CultureInfo.GetCultureInfo("de").DateTimeFormat;
        shown.ShouldBe(days.Select(d => (german.GetDayName(d.Day), d.Hours.Replace("-", "–", StringComparison.Ordinal))).ToList());
        shown[^1].Item1.ShouldBe("Sonntag");
    }

    [Fact]
    public void TheSchemaAcceptsExactlyTheDaysThePortalShows()
    {
        LocationKind.Weekdays.ShouldBe(OpeningWeek.Days.Select(OpeningWeek.Name).ToArray());
        var schema = JsonNode.Parse(LocationKind.Create().JsonSchema)!;
        var accepted = schema["properties"]!["openingHours"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        accepted.ShouldBe(LocationKind.Weekdays);
    }

    [Fact]
    public async Task ADayOutsideTheWeek_IsAKeptDraftsLocatedError_AndCannotBePublished()
    {
        var yaml = "kind: location\nkey: feiertag\nspec:\n  name: Feiertagsdienst\n"
                   + "  address: { street: Markt 1, postalCode: \"52062\", city: Aachen }\n  openingHours:\n    holiday: [\"10:00-12:00\"]\n";
        var services = fixture.App.Services;
        using (services.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            var drafts = services.GetRequiredService<IMetadataDrafts>();
            var draft = await drafts.SaveAsync(yaml, null, "admin-test");
            var error = draft.Errors.ShouldHaveSingleItem();
            (error.Path, error.Line, error.Text!.Key).ShouldBe(("$.spec.openingHours.holiday", 7, "platform.metadata.schema.unknown-property"));
            await Should.ThrowAsync<MetadataValidationException>(() => drafts.PublishAsync([("location", "feiertag", draft.Document.Version)], "admin-test"));
        }
    }

    [GeneratedRegex("""<th scope="row">(?<day>[^<]+)</th><td><span class="saas-ltr" dir="ltr">(?<hours>[^<]+)</span></td>""")]
    private static partial Regex HourRow();
}

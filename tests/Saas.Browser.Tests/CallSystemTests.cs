namespace Saas.Browser.Tests;

/// <summary>
/// The call system of the Aachen Arkaden in real browsers (docs/adr/0037): a kiosk and a call display set up once with
/// the authority's device client (client credentials against the token endpoint), a ticket drawn at the kiosk, a
/// caseworker calling it at counter 1 — the display shows the call as it happens (server-sent events over the host's
/// real HTTP), then the recall —, and a no-show; another authority's QR code refused at the kiosk. Every page checked
/// with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallSystemTests(BrowserFixture fixture)
{
    private const string Tenant = "aachen";
    private const string Location = "aachen-arkaden";

    private async Task<IPage> DeviceAsync(string path)
    {
        var page = await fixture.NewPageAsync("de-DE");
        await page.GotoAsync(Staff.Url(fixture, Tenant, path));
        // A new device: its script asks for the client's id and secret once.
        await page.Locator("#device-setup").WaitForAsync();
        await page.FillAsync("#device-client", "device-" + Tenant);
        await page.FillAsync("#device-secret", "wrong");
        await page.ClickAsync("#device-setup-form button[type=submit]");
        await page.Locator("#device-setup-error").WaitForAsync();
        await page.FillAsync("#device-client", "device-" + Tenant);
        await page.FillAsync("#device-secret", "device-" + Tenant + "-demo");
        await page.ClickAsync("#device-setup-form button[type=submit]");
        await page.Locator("#device-setup").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        return page;
    }

    [Fact]
    public async Task AWalkIn_DrawsATicket_ACounterCallsIt_AndTheDisplayShowsTheCall()
    {
        var display = await DeviceAsync($"geraete/anzeige/{Location}/wartebereich-a");
        await display.Locator("#display[data-state=connected]").WaitForAsync(new() { Timeout = 30_000 });
        (await display.InnerTextAsync("h1")).ShouldBe("Wartebereich A");
        await Accessibility.AssertAccessibleAsync(display, "call-display");

        var kiosk = await DeviceAsync($"geraete/kiosk/{Location}");
        await Accessibility.AssertAccessibleAsync(kiosk, "kiosk");
        await kiosk.FillAsync("#code", "SAAS-TERMIN:nuernberg:ABCD-EFGH");
        await kiosk.ClickAsync("#check-in-form button[type=submit]");
        await Assertions.Expect(kiosk.Locator("#kiosk-error-text")).ToHaveTextAsync("Dieser Termin ist bei einer anderen Ausländerbehörde. Bitte gehen Sie zu der Behörde aus Ihrer Bestätigung.");
        await Accessibility.AssertAccessibleAsync(kiosk, "kiosk-error");
        await kiosk.ClickAsync("button[data-service=residence-permit]");
        await kiosk.Locator("#kiosk-ticket").WaitForAsync();
        var number = await kiosk.InnerTextAsync("#ticket-number");
        number.ShouldMatch("^A[0-9]{3}$");
        (await kiosk.InnerTextAsync("#ticket-where")).ShouldBe("Bitte warten Sie im Wartebereich A.");
        await Accessibility.AssertAccessibleAsync(kiosk, "kiosk-ticket");

        // The counter calls until it reaches this ticket (earlier tests of the run may have left walk-ins waiting).
        var counter = await Staff.SignInAsync(fixture, Tenant, "m.yilmaz", "demo-yilmaz");
        await counter.GotoAsync(Staff.Url(fixture, Tenant, $"workbench/aufruf?standort={Location}&schalter=s1"));
        await Accessibility.AssertAccessibleAsync(counter, "counter");
        for (var i = 0; i < 20; i++)
        {
            if (await counter.Locator("#action-done").CountAsync() > 0)
            {
                if (await counter.InnerTextAsync("#current-number") == number)
                {
                    break;
                }

                await counter.ClickAsync("#action-done");
            }

            await counter.ClickAsync("#call-next");
        }

        (await counter.InnerTextAsync("#current-number")).ShouldBe(number);
        await Accessibility.AssertAccessibleAsync(counter, "counter-serving");
        await Assertions.Expect(display.Locator("#current-number")).ToHaveTextAsync(number, new() { Timeout = 20_000 });
        (await display.InnerTextAsync("#current-counter")).ShouldBe("Schalter 1");

        // A recall comes to the display as a new call of the same number; then the person does not come.
        await display.EvaluateAsync("() => document.getElementById('display').dataset.lastCall = ''");
        await counter.ClickAsync("#action-recall");
        await Assertions.Expect(counter.Locator("#current-calls")).ToHaveTextAsync("2");
        await Assertions.Expect(display.Locator("#display")).ToHaveAttributeAsync("data-last-call", number + "@Schalter 1", new() { Timeout = 20_000 });
        await counter.ClickAsync("#action-no-show");
        await counter.Locator("#call-next").WaitForAsync();
        (await counter.InnerTextAsync("#figures")).ShouldContain("Beim Aufruf nicht da");
        await Accessibility.AssertAccessibleAsync(counter, "counter-free");
        await Accessibility.AssertAccessibleAsync(display, "call-display-called");
    }
}

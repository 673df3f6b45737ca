using System.Net.Http.Headers;
using System.Net.Http.Json;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Fees.Features.Payments;

namespace Saas.Modules.Fees.Tests.Features.Payments;

/// <summary>
/// The XBezahldienste adapter against the local provider over real HTTP (docs/adr/0030): paid, failed, cancelled,
/// abandoned and settled late; idempotent on the request id; a forged or replayed return changes nothing; an unknown
/// transaction, a changed amount, a status going back and a malformed answer are refused and recorded; another
/// authority's payment is not found.
/// </summary>
public sealed class PaymentTests(PaymentsFixture fixture) : IClassFixture<PaymentsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Client(string tenant, string? user = null)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, user));
        }

        return client;
    }

    private HttpClient Caseworker => Client(fixture.A.Key, $"cw-{fixture.A.Key}");

    private static readonly HttpClient Payer = new(new HttpClientHandler { AllowAutoRedirect = false });

    private async Task<Guid> CalculationAsync()
    {
        var a = Caseworker;
        var response = await a.PostAsJsonAsync("api/cases/files", new { surname = "Zahlung" + Guid.NewGuid().ToString("N")[..6], givenNames = "Ada" });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var fileId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        Guid caseId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            caseId = (await scope.ServiceProvider.GetRequiredService<ICaseRecords>().OpenAsync(fileId, "aufenthaltserlaubnis", "Verlängerung")).Id;
        }

        var calculation = await a.PostAsJsonAsync($"api/fees/cases/{caseId}/calculation", new
        {
            tariff = "verlaengerung",
            facts = new { age = 30, nationalities = new[] { "SYR" }, benefits = Array.Empty<string>(), refugee = false, scholarship = false, outcome = "granted", express = false, legalBasis = "" },
            date = "2026-01-15",
        });
        var text = await calculation.Content.ReadAsStringAsync();
        calculation.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> StartAsync(Guid calculation, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Caseworker.PostAsJsonAsync($"api/fees/calculations/{calculation}/payments", new { requestorName = "Ada Zahlung" });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> ReadAsync(Guid payment) =>
        JsonDocument.Parse(await Caseworker.GetStringAsync($"api/fees/payments/{payment}")).RootElement;

    /// <summary>The payer chooses on the provider's page; the provider sends them back to the host's return address.</summary>
    private static async Task<Uri> PayerChoosesAsync(JsonElement payment, string outcome)
    {
        var page = new Uri(payment.GetProperty("payUrl").GetString()!);
        (await Payer.GetStringAsync(page)).ShouldContain("<form");
        var response = await Payer.PostAsync(new Uri(page + "/" + outcome), null);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!;
    }

    private async Task<JsonElement> ReturnAsync(Uri back)
    {
        var response = await Client(fixture.A.Key).GetAsync(back.PathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] Kinds(JsonElement payment) => [.. payment.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    [Fact]
    public async Task APaidPayment_TakesTheCalculationsAmount_RedirectsThePayer_AndIsPaidAfterTheReturn()
    {
        var calculation = await CalculationAsync();
        var started = await StartAsync(calculation);
        var id = started.GetProperty("id").GetGuid();
        started.GetProperty("status").GetString().ShouldBe("initial");
        started.GetProperty("amount").GetDecimal().ShouldBe(93m);
        started.GetProperty("purpose").GetString()!.Length.ShouldBeLessThanOrEqualTo(27);
        started.GetProperty("payUrl").GetString()!.ShouldStartWith(fixture.ProviderAddress + "_local-pay/pay/");
        var transaction = fixture.Store.Find(started.GetProperty("transactionId").GetString()!).ShouldNotBeNull();
        transaction.Request.GrosAmount.ShouldBe(93m);
        transaction.Request.Items!.Single().TotalNetAmount.ShouldBe(93m);

        var back = await PayerChoosesAsync(started, "pay");
        back.PathAndQuery.ShouldBe($"/t/{fixture.A.Key}/api/fees/payments/{id}/return");
        var returned = await ReturnAsync(back);
        returned.GetProperty("status").GetString().ShouldBe("payed");
        returned.GetProperty("checked").GetBoolean().ShouldBeTrue();

        var paid = await ReadAsync(id);
        paid.GetProperty("status").GetString().ShouldBe("payed");
        paid.GetProperty("transactionReference").GetString()!.ShouldStartWith("KZ-");
        paid.GetProperty("payUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        Kinds(paid).ShouldBe(["created", "status"]);
        // Paid: starting again gives the same payment, not a second charge.
        (await StartAsync(calculation, HttpStatusCode.OK)).GetProperty("id").GetGuid().ShouldBe(id);
    }

    [Fact]
    public async Task AFailedPayment_IsFailed_AndTheNextStartIsANewAttemptWithItsOwnRequestId()
    {
        var calculation = await CalculationAsync();
        var first = await StartAsync(calculation);
        await PayerChoosesAsync(first, "fail");
        var polled = await Caseworker.PostAsync($"api/fees/payments/{first.GetProperty("id").GetGuid()}/poll", null);
        JsonDocument.Parse(await polled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("failed");

        var second = await StartAsync(calculation);
        second.GetProperty("attempt").GetInt32().ShouldBe(2);
        second.GetProperty("requestId").GetString().ShouldBe($"{calculation:N}-2");
        second.GetProperty("transactionId").GetString().ShouldNotBe(first.GetProperty("transactionId").GetString());
    }

    [Fact]
    public async Task ACancelledPayment_IsCancelledAfterTheReturn()
    {
        var started = await StartAsync(await CalculationAsync());
        var returned = await ReturnAsync(await PayerChoosesAsync(started, "cancel"));
        returned.GetProperty("status").GetString().ShouldBe("canceled");
    }

    [Fact]
    public async Task AnAbandonedPayment_StaysOpen_AndIsSettledLateByThePoller()
    {
        var started = await StartAsync(await CalculationAsync());
        var id = started.GetProperty("id").GetGuid();
        var settle = JsonDocument.Parse(await (await Caseworker.PostAsync("api/fees/payments/settle?olderThanMinutes=0", null)).Content.ReadAsStringAsync()).RootElement;
        settle.GetProperty("polled").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        (await ReadAsync(id)).GetProperty("status").GetString().ShouldBe("initial");

        // The payer paid and closed the browser before coming back: only the poller learns of it.
        await PayerChoosesAsync(started, "pay");
        (await ReadAsync(id)).GetProperty("status").GetString().ShouldBe("initial");
        var late = JsonDocument.Parse(await (await Caseworker.PostAsync("api/fees/payments/settle?olderThanMinutes=0", null)).Content.ReadAsStringAsync()).RootElement;
        late.GetProperty("settled").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var paid = await ReadAsync(id);
        paid.GetProperty("status").GetString().ShouldBe("payed");
        paid.GetProperty("events")[1].GetProperty("actor").GetString().ShouldBe("system:payments");
    }

    [Fact]
    public async Task StartingTwice_EvenAtOnce_GivesTheSameTransaction_IdempotentOnTheRequestId()
    {
        var calculation = await CalculationAsync();
        var both = await Task.WhenAll(
            Caseworker.PostAsJsonAsync($"api/fees/calculations/{calculation}/payments", new { }),
            Caseworker.PostAsJsonAsync($"api/fees/calculations/{calculation}/payments", new { }));
        var views = await Task.WhenAll(both.Select(async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement));
        both.Select(r => (int)r.StatusCode).Order().ToArray().ShouldBe(new[] { 200, 201 }, string.Join(" | ", views.Select(v => v.ToString())));
        views[0].GetProperty("id").GetGuid().ShouldBe(views[1].GetProperty("id").GetGuid());
        views[0].GetProperty("transactionId").GetString().ShouldBe(views[1].GetProperty("transactionId").GetString());
        var again = await StartAsync(calculation, HttpStatusCode.OK);
        again.GetProperty("transactionId").GetString().ShouldBe(views[0].GetProperty("transactionId").GetString());
        again.GetProperty("requestId").GetString().ShouldBe($"{calculation:N}-1");
        JsonDocument.Parse(await Caseworker.GetStringAsync($"api/fees/calculations/{calculation}/payments")).RootElement.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AForgedOrReplayedReturn_ChangesNothing()
    {
        var started = await StartAsync(await CalculationAsync());
        var id = started.GetProperty("id").GetGuid();
        // Whatever a forged address says, the host asks the provider, which says: still open.
        var forged = await ReturnAsync(new Uri($"http://localhost/t/{fixture.A.Key}/api/fees/payments/{id}/return?status=PAYED&transactionId=x&grosAmount=1"));
        forged.GetProperty("status").GetString().ShouldBe("initial");
        Kinds(await ReadAsync(id)).ShouldBe(["created"]);

        var back = await PayerChoosesAsync(started, "pay");
        (await ReturnAsync(back)).GetProperty("status").GetString().ShouldBe("payed");
        (await ReturnAsync(back)).GetProperty("status").GetString().ShouldBe("payed");
        Kinds(await ReadAsync(id)).ShouldBe(["created", "status"]);
    }

    [Fact]
    public async Task AnAnswerForAnUnknownTransaction_IsRefusedAndRecorded_AndThePaymentStaysOpen()
    {
        var started = await StartAsync(await CalculationAsync());
        var id = started.GetProperty("id").GetGuid();
        fixture.Store.Forget(started.GetProperty("transactionId").GetString()!).ShouldBeTrue();
        var polled = await Caseworker.PostAsync($"api/fees/payments/{id}/poll", null);
        polled.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await polled.Content.ReadAsStringAsync()).ShouldContain("fee-provider-unknown-transaction");
        var payment = await ReadAsync(id);
        payment.GetProperty("status").GetString().ShouldBe("initial");
        Kinds(payment).ShouldBe(["created", "refused"]);
        // The payer's return does not fail for it: the status as known, unchecked.
        (await ReturnAsync(new Uri($"http://localhost/t/{fixture.A.Key}/api/fees/payments/{id}/return"))).GetProperty("checked").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task AChangedAmount_IsRefusedAndRecorded_AndNothingPaidIsLost()
    {
        var started = await StartAsync(await CalculationAsync());
        var id = started.GetProperty("id").GetGuid();
        var transaction = fixture.Store.Find(started.GetProperty("transactionId").GetString()!)!;
        await PayerChoosesAsync(started, "pay");
        transaction.Request = transaction.Request with { GrosAmount = 1.00m };
        var polled = await Caseworker.PostAsync($"api/fees/payments/{id}/poll", null);
        polled.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await polled.Content.ReadAsStringAsync()).ShouldContain("fee-provider-amount-changed");
        var payment = await ReadAsync(id);
        payment.GetProperty("amount").GetDecimal().ShouldBe(93m);
        payment.GetProperty("status").GetString().ShouldBe("initial");
        Kinds(payment).ShouldBe(["created", "refused"]);
    }

    [Fact]
    public async Task AStatusGoingBack_IsRefusedAndRecorded_AndThePaymentStaysPaid()
    {
        var started = await StartAsync(await CalculationAsync());
        var id = started.GetProperty("id").GetGuid();
        await ReturnAsync(await PayerChoosesAsync(started, "pay"));
        fixture.Store.Find(started.GetProperty("transactionId").GetString()!)!.Status = ProviderStatus.Initial;
        var polled = await Caseworker.PostAsync($"api/fees/payments/{id}/poll", null);
        polled.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await polled.Content.ReadAsStringAsync()).ShouldContain("fee-provider-status-backwards");
        var payment = await ReadAsync(id);
        payment.GetProperty("status").GetString().ShouldBe("payed");
        Kinds(payment).ShouldBe(["created", "status", "refused"]);
    }

    [Fact]
    public async Task AnAnswerWithAnUnknownFieldOrStatusOrTooLarge_IsRefusedWithItsLocation()
    {
        var started = await StartAsync(await CalculationAsync());
        var id = started.GetProperty("id").GetGuid();
        var transaction = fixture.Store.Find(started.GetProperty("transactionId").GetString()!)!;
        transaction.ExtraInformation["surprise"] = "1";
        var unknownField = await Caseworker.PostAsync($"api/fees/payments/{id}/poll", null);
        unknownField.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var body = await unknownField.Content.ReadAsStringAsync();
        body.ShouldContain("fee-provider-answer-invalid");
        body.ShouldContain("surprise");

        transaction.ExtraInformation.Clear();
        transaction.StatusOverride = "PAID";
        var unknownStatus = await Caseworker.PostAsync($"api/fees/payments/{id}/poll", null);
        unknownStatus.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await unknownStatus.Content.ReadAsStringAsync()).ShouldContain("$.paymentInformation.status");

        transaction.StatusOverride = null;
        transaction.ExtraInformation["transactionUrl"] = new string('x', 300 * 1024);
        var tooLarge = await Caseworker.PostAsync($"api/fees/payments/{id}/poll", null);
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await tooLarge.Content.ReadAsStringAsync()).ShouldContain("bytes");

        var payment = await ReadAsync(id);
        payment.GetProperty("status").GetString().ShouldBe("initial");
        Kinds(payment).ShouldBe(["created", "refused", "refused", "refused"]);
    }

    [Fact]
    public async Task AnotherAuthoritysPayment_IsNotFound_AndNotChanged()
    {
        var calculation = await CalculationAsync();
        var started = await StartAsync(calculation);
        var id = started.GetProperty("id").GetGuid();
        var b = Client(fixture.B.Key, $"cw-{fixture.B.Key}");
        (await b.GetAsync($"api/fees/payments/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostAsync($"api/fees/payments/{id}/poll", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostAsJsonAsync($"api/fees/calculations/{calculation}/payments", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonDocument.Parse(await b.GetStringAsync($"api/fees/calculations/{calculation}/payments")).RootElement.GetArrayLength().ShouldBe(0);
        (await Client(fixture.B.Key).GetAsync($"api/fees/payments/{id}/return")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Kinds(await ReadAsync(id)).ShouldBe(["created"]);
    }

    [Fact]
    public void ThePurpose_FitsThePublishedTwentySevenCharacters()
    {
        StartPayment.Purpose("niederlassungserlaubnis_hochqualifiziert").Length.ShouldBe(27);
        StartPayment.Purpose("verlaengerung").ShouldBe("Gebuehr verlaengerung");
    }

    [Fact]
    public async Task APaymentPolicy_IsReadFromTheTariffLine_ThroughTheContract()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        await store.SaveDraftAsync("""
            kind: fee-schedule
            key: gebuehren-zahlung
            spec:
              name: Örtliche Gebühren
              lines:
                - code: foto_terminal
                  name: Lichtbild am Terminal
                  legalBasis: "Verwaltungsgebührensatzung § 3"
                  amount: 6
                  category: local
                  validFrom: "2025-01-01"
                  payment: before-submission
            """, "test", null);
        await store.PublishAsync([("fee-schedule", "gebuehren-zahlung")], "test");
        var policies = scope.ServiceProvider.GetRequiredService<IFeePaymentPolicy>();
        (await policies.PolicyAsync("foto_terminal", new DateOnly(2026, 1, 15))).Policy.ShouldBe(FeePaymentPolicies.BeforeSubmission);
        (await policies.PolicyAsync("verlaengerung", new DateOnly(2026, 1, 15))).Policy.ShouldBe(FeePaymentPolicies.None);
    }
}

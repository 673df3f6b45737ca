using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Fees.Tests.Features.Payments;

namespace Saas.Modules.Fees.Tests.Features.Refunds;

/// <summary>
/// Refunds need a reason, stay within what was paid and need a second person (docs/adr/0030); the day's
/// reconciliation per location and tariff line shows paid, open, failed and refunded amounts with the Kassenzeichen,
/// as JSON, CSV for German Excel and XLSX read back here; another authority sees none of it.
/// </summary>
public sealed class RefundAndReconciliationTests(PaymentsFixture fixture) : IClassFixture<PaymentsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly HttpClient Payer = new(new HttpClientHandler { AllowAutoRedirect = false });

    private HttpClient Client(string tenant, string user)
    {
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, user));
        return client;
    }

    private HttpClient First => Client(fixture.A.Key, $"cw-{fixture.A.Key}");

    private HttpClient Second => Client(fixture.A.Key, $"cw2-{fixture.A.Key}");

    private static DateOnly TodayInBerlin => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    /// <summary>A calculation of 93 € (extension of more than three months), its payment started, and the payer's choice made and polled.</summary>
    private async Task<JsonElement> PaymentAsync(string? outcome)
    {
        var a = First;
        var file = await a.PostAsJsonAsync("api/cases/files", new { surname = "Erstattung" + Guid.NewGuid().ToString("N")[..6], givenNames = "Ada" });
        var fileId = JsonDocument.Parse(await file.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
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
        var calculationId = JsonDocument.Parse(await calculation.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var started = JsonDocument.Parse(await (await a.PostAsJsonAsync($"api/fees/calculations/{calculationId}/payments", new { })).Content.ReadAsStringAsync()).RootElement;
        if (outcome is null)
        {
            return started;
        }

        (await Payer.PostAsync(new Uri(started.GetProperty("payUrl").GetString() + "/" + outcome), null)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var polled = await a.PostAsync($"api/fees/payments/{started.GetProperty("id").GetGuid()}/poll", null);
        return JsonDocument.Parse(await polled.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement);
    }

    private static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    [Fact]
    public async Task ARefund_NeedsASecondPerson_NotTheRequester_AndIsDecidedOnce()
    {
        var payment = await PaymentAsync("pay");
        var id = payment.GetProperty("id").GetGuid();
        var (status, refund) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{id}/refunds", new { amount = 50.00m, reason = "Antrag zurückgenommen" }));
        status.ShouldBe(HttpStatusCode.Created, refund.ToString());
        refund.GetProperty("status").GetString().ShouldBe("requested");
        var refundId = refund.GetProperty("id").GetGuid();

        var (own, ownProblem) = await SendAsync(First.PostAsync($"api/fees/refunds/{refundId}/approve", null));
        own.ShouldBe(HttpStatusCode.Forbidden);
        Code(ownProblem).ShouldBe("fee-refund-same-person");

        var (approved, view) = await SendAsync(Second.PostAsync($"api/fees/refunds/{refundId}/approve", null));
        approved.ShouldBe(HttpStatusCode.OK, view.ToString());
        view.GetProperty("status").GetString().ShouldBe("approved");
        view.GetProperty("approvedBy").GetString().ShouldBe($"cw2-{fixture.A.Key}");

        var (again, againProblem) = await SendAsync(Second.PostAsync($"api/fees/refunds/{refundId}/approve", null));
        again.ShouldBe(HttpStatusCode.Conflict);
        Code(againProblem).ShouldBe("fee-refund-decided");
    }

    [Fact]
    public async Task ARefund_AbovePaidLessEarlierRefunds_OrWithoutReason_OrOfAnUnpaidPayment_IsRefused()
    {
        var id = (await PaymentAsync("pay")).GetProperty("id").GetGuid();
        var (above, aboveProblem) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{id}/refunds", new { amount = 93.01m, reason = "zu viel" }));
        above.ShouldBe(HttpStatusCode.Conflict);
        Code(aboveProblem).ShouldBe("fee-refund-exceeds-paid");
        var (noReason, noReasonProblem) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{id}/refunds", new { amount = 10m, reason = "  " }));
        noReason.ShouldBe(HttpStatusCode.UnprocessableEntity);
        Code(noReasonProblem).ShouldBe("fee-refund-reason-missing");

        (await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{id}/refunds", new { amount = 60m, reason = "Teil" }))).Status.ShouldBe(HttpStatusCode.Created);
        var (rest, restProblem) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{id}/refunds", new { amount = 33.01m, reason = "Rest und ein Cent" }));
        rest.ShouldBe(HttpStatusCode.Conflict);
        Code(restProblem).ShouldBe("fee-refund-exceeds-paid");
        (await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{id}/refunds", new { amount = 33m, reason = "Rest" }))).Status.ShouldBe(HttpStatusCode.Created);
        JsonDocument.Parse(await First.GetStringAsync($"api/fees/payments/{id}/refunds")).RootElement.GetArrayLength().ShouldBe(2);

        var open = (await PaymentAsync(null)).GetProperty("id").GetGuid();
        var (unpaid, unpaidProblem) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{open}/refunds", new { amount = 1m, reason = "nicht bezahlt" }));
        unpaid.ShouldBe(HttpStatusCode.Conflict);
        Code(unpaidProblem).ShouldBe("fee-refund-not-paid");
    }

    [Fact]
    public async Task TheDaysReconciliation_ShowsPaidOpenFailedAndRefunded_AsJsonCsvAndXlsx()
    {
        var paid = await PaymentAsync("pay");
        await PaymentAsync("fail");
        await PaymentAsync("cancel");
        await PaymentAsync(null);
        var (_, refund) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{paid.GetProperty("id").GetGuid()}/refunds", new { amount = 10.50m, reason = "Teilerstattung" }));
        (await SendAsync(Second.PostAsync($"api/fees/refunds/{refund.GetProperty("id").GetGuid()}/approve", null))).Status.ShouldBe(HttpStatusCode.OK);
        var reference = paid.GetProperty("transactionReference").GetString()!;
        var day = TodayInBerlin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var report = JsonDocument.Parse(await First.GetStringAsync($"api/fees/reconciliation/{day}")).RootElement;
        var line = report.GetProperty("lines").EnumerateArray().Single();
        line.GetProperty("location").GetString().ShouldBe("online");
        line.GetProperty("tariff").GetString().ShouldBe("verlaengerung");
        line.GetProperty("paid").GetDecimal().ShouldBe(93m);
        line.GetProperty("open").GetDecimal().ShouldBe(93m);
        line.GetProperty("failed").GetDecimal().ShouldBe(186m);
        line.GetProperty("refunded").GetDecimal().ShouldBe(10.50m);
        line.GetProperty("references").EnumerateArray().Select(r => r.GetString()).ShouldBe([reference]);

        var csv = await First.GetByteArrayAsync($"api/fees/reconciliation/{day}/csv");
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Datum;Standort;Tarif;Bezahlt;Offen;Fehlgeschlagen;Erstattet;Kassenzeichen");
        lines[1].ShouldBe($"{TodayInBerlin:dd.MM.yyyy};online;verlaengerung;93,00;93,00;186,00;10,50;{reference}");

        var xlsx = await First.GetByteArrayAsync($"api/fees/reconciliation/{day}/xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet(1);
        sheet.Cell(1, 4).GetString().ShouldBe("Bezahlt");
        sheet.Cell(2, 2).GetString().ShouldBe("online");
        sheet.Cell(2, 4).GetValue<decimal>().ShouldBe(93m);
        sheet.Cell(2, 6).GetValue<decimal>().ShouldBe(186m);
        sheet.Cell(2, 7).GetValue<decimal>().ShouldBe(10.50m);
        sheet.Cell(2, 8).GetString().ShouldBe(reference);
    }

    [Fact]
    public async Task AnotherAuthority_SeesNoneOfAsRefundsOrReconciliation()
    {
        var paid = await PaymentAsync("pay");
        var (_, refund) = await SendAsync(First.PostAsJsonAsync($"api/fees/payments/{paid.GetProperty("id").GetGuid()}/refunds", new { amount = 5m, reason = "Probe" }));
        var refundId = refund.GetProperty("id").GetGuid();
        var b = Client(fixture.B.Key, $"cw-{fixture.B.Key}");
        (await b.GetAsync($"api/fees/refunds/{refundId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostAsync($"api/fees/refunds/{refundId}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostAsJsonAsync($"api/fees/payments/{paid.GetProperty("id").GetGuid()}/refunds", new { amount = 1m, reason = "fremd" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var day = TodayInBerlin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        JsonDocument.Parse(await b.GetStringAsync($"api/fees/reconciliation/{day}")).RootElement.GetProperty("lines").GetArrayLength().ShouldBe(0);
        (await b.GetStringAsync($"api/fees/reconciliation/{day}/csv")).ShouldNotContain(paid.GetProperty("transactionReference").GetString()!);
        JsonDocument.Parse(await First.GetStringAsync($"api/fees/refunds/{refundId}")).RootElement.GetProperty("status").GetString().ShouldBe("requested");
    }
}

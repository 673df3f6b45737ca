using System.Text;
using ClosedXML.Excel;
using Saas.Modules.Fees.Features.Calculations;
using Saas.Modules.Fees.Features.Payments;
using Saas.Modules.Fees.Features.Refunds;

namespace Saas.Modules.Fees.Features.Reconciliation;

internal sealed record ReconciliationRequest(DateOnly Date);

/// <summary>
/// One line of the day's reconciliation: a location (<c>online</c> or a cash desk) and a tariff line, with the amounts
/// paid (settled that day), open (started that day, not settled), failed or cancelled (settled that day) and refunded
/// (approved that day), and the provider's transaction references (Kassenzeichen) of the payments counted.
/// </summary>
internal sealed record ReconciliationLine(string Location, string Tariff, decimal Paid, decimal Open, decimal Failed, decimal Refunded, IReadOnlyList<string> References);

internal sealed record ReconciliationView(DateOnly Date, string TimeZone, IReadOnlyList<ReconciliationLine> Lines, decimal Paid, decimal Open, decimal Failed, decimal Refunded);

/// <summary>
/// The treasury's reconciliation of one day in Europe/Berlin (docs/adr/0030), per location and tariff line; audited
/// (<c>fee.reconciliation-read</c>). Exported as CSV (UTF-8 with BOM, semicolons, decimal comma: what Excel opens in
/// German) and XLSX (ClosedXML).
/// </summary>
internal sealed class ReconcileDay(FeesDbContext db, IAuditTrail audit)
{
    public async Task<ReconciliationView> ExecuteAsync(ReconciliationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zone = CalculateFee.Zone;
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(request.Date.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var end = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(request.Date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => (p.SettledAt >= start && p.SettledAt < end) || (p.Status == PaymentStatus.Initial && p.CreatedAt >= start && p.CreatedAt < end))
            .ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.Status == Refund.Approved && r.ApprovedAt >= start && r.ApprovedAt < end)
            .Join(db.Payments.AsNoTracking(), r => r.PaymentId, p => p.Id, (r, p) => new { r.Amount, p.Location, p.Tariff, p.TransactionReference, p.TransactionId })
            .ToListAsync(ct);
        var keys = payments.Select(p => (p.Location, p.Tariff)).Concat(refunds.Select(r => (r.Location, r.Tariff))).Distinct()
            .OrderBy(k => k.Location, StringComparer.Ordinal).ThenBy(k => k.Tariff, StringComparer.Ordinal);
        var lines = keys.Select(k =>
        {
            var mine = payments.Where(p => p.Location == k.Location && p.Tariff == k.Tariff).ToList();
            var back = refunds.Where(r => r.Location == k.Location && r.Tariff == k.Tariff).ToList();
            var paid = mine.Where(p => p.Status == PaymentStatus.Payed).ToList();
            return new ReconciliationLine(k.Location, k.Tariff, paid.Sum(p => p.Amount), mine.Where(p => p.Status == PaymentStatus.Initial).Sum(p => p.Amount),
                mine.Where(p => p.Status == PaymentStatus.Failed || p.Status == PaymentStatus.Canceled).Sum(p => p.Amount), back.Sum(r => r.Amount),
                [.. paid.Select(p => p.TransactionReference ?? p.TransactionId).Concat(back.Select(r => r.TransactionReference ?? r.TransactionId)).Distinct().Order(StringComparer.Ordinal)]);
        }).ToList();
        await audit.RecordAsync(new AuditEntry("fee.reconciliation-read", "fees", request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            lines.Count.ToString(CultureInfo.InvariantCulture)), ct);
        return new ReconciliationView(request.Date, zone.Id, lines, lines.Sum(l => l.Paid), lines.Sum(l => l.Open), lines.Sum(l => l.Failed), lines.Sum(l => l.Refunded));
    }
}

/// <summary>The reconciliation as a treasury opens it: CSV for German Excel and XLSX.</summary>
internal static class ReconciliationExport
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static readonly string[] Columns = ["date", "location", "tariff", "paid", "open", "failed", "refunded", "references"];

    private static IEnumerable<string> Header() => Columns.Select(c => TextCatalog.Shared.Format(new LocalizedText("fees.reconciliation.column." + c), German));

    /// <summary>UTF-8 with byte order mark (Excel reads it as UTF-8 only then), semicolons, decimal comma, CRLF.</summary>
    public static byte[] Csv(ReconciliationView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(string.Join(';', Header().Select(Field))).Append("\r\n");
        foreach (var l in report.Lines)
        {
            string[] fields = [report.Date.ToString("dd.MM.yyyy", German), l.Location, l.Tariff, Amount(l.Paid), Amount(l.Open), Amount(l.Failed), Amount(l.Refunded), string.Join(", ", l.References)];
            text.Append(string.Join(';', fields.Select(Field))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Amount(decimal value) => value.ToString("0.00", German);

    private static string Field(string value) =>
        value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static byte[] Xlsx(ReconciliationView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(report.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var column = 1;
        foreach (var title in Header())
        {
            sheet.Cell(1, column++).Value = title;
        }

        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var l in report.Lines)
        {
            sheet.Cell(row, 1).Value = report.Date.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(row, 1).Style.DateFormat.Format = "dd.mm.yyyy";
            sheet.Cell(row, 2).Value = l.Location;
            sheet.Cell(row, 3).Value = l.Tariff;
            decimal[] amounts = [l.Paid, l.Open, l.Failed, l.Refunded];
            for (var i = 0; i < amounts.Length; i++)
            {
                sheet.Cell(row, 4 + i).Value = amounts[i];
                sheet.Cell(row, 4 + i).Style.NumberFormat.Format = "#,##0.00";
            }

            // Text, never a number: a Kassenzeichen with leading zeros must stay as it is.
            sheet.Cell(row, 8).SetValue(string.Join(", ", l.References));
            row++;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}

/// <summary>The day's reconciliation as JSON, CSV and XLSX.</summary>
internal static class ReconciliationFeature
{
    public static void AddServices(IServiceCollection services) => services.AddScoped<ReconcileDay>();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/fees/reconciliation").WithTags("Fees").RequireAuthorization(SaasPolicies.Staff);
        group.MapGet("/{date}", async Task<Ok<ReconciliationView>> (DateOnly date, ReconcileDay reconcile, CancellationToken ct) =>
            TypedResults.Ok(await reconcile.ExecuteAsync(new ReconciliationRequest(date), ct)));
        group.MapGet("/{date}/csv", async Task<FileContentHttpResult> (DateOnly date, ReconcileDay reconcile, CancellationToken ct) =>
            TypedResults.File(ReconciliationExport.Csv(await reconcile.ExecuteAsync(new ReconciliationRequest(date), ct)), "text/csv; charset=utf-8",
                $"abgleich-{date:yyyy-MM-dd}.csv"));
        group.MapGet("/{date}/xlsx", async Task<FileContentHttpResult> (DateOnly date, ReconcileDay reconcile, CancellationToken ct) =>
            TypedResults.File(ReconciliationExport.Xlsx(await reconcile.ExecuteAsync(new ReconciliationRequest(date), ct)),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"abgleich-{date:yyyy-MM-dd}.xlsx"));
    }
}

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

internal sealed record SendBoxRequest(Guid Id, string? Vendor, DateTimeOffset? SentAt = null);

/// <summary>The box went to the scanning company (first, or again after a rejection); audited. Of two changes from one status one wins.</summary>
internal sealed class SendBox(CasesDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public async Task<BoxView> ExecuteAsync(SendBoxRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var box = await db.LegacyBoxes.SingleOrDefaultAsync(b => b.Id == request.Id, ct) ?? throw CasesProblems.BoxNotFound(request.Id);
        BoxLifecycle.EnsureCanMove(box, BoxLifecycle.Sent);
        var vendor = string.IsNullOrWhiteSpace(request.Vendor) ? box.Vendor : request.Vendor.Trim();
        if (vendor is null or { Length: > 200 })
        {
            throw CasesProblems.VendorMissing();
        }

        var sentAt = request.SentAt ?? clock.GetUtcNow();
        BoxDates.EnsureNotInFuture(sentAt, clock, "sentAt");
        await using var work = await db.BeginWorkAsync(audit, ct);
        box.Send(vendor, sentAt);
        work.Record(new AuditEntry("legacy.box.sent", "legacy-box", request.Id.ToString(), $"{vendor}, {sentAt:O}"));
        await work.CommitAsync(CasesProblems.BoxChanged, ct);
        return await BoxView.LoadAsync(db, box, ct);
    }
}

internal sealed record MarkBoxReturnedRequest(Guid Id, DateTimeOffset? ReturnedAt = null);

/// <summary>The paper came back from the scanning company; audited.</summary>
internal sealed class MarkBoxReturned(CasesDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public async Task<BoxView> ExecuteAsync(MarkBoxReturnedRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var box = await db.LegacyBoxes.SingleOrDefaultAsync(b => b.Id == request.Id, ct) ?? throw CasesProblems.BoxNotFound(request.Id);
        BoxLifecycle.EnsureCanMove(box, BoxLifecycle.Returned);
        var returnedAt = request.ReturnedAt ?? clock.GetUtcNow();
        BoxDates.EnsureNotInFuture(returnedAt, clock, "returnedAt");
        await using var work = await db.BeginWorkAsync(audit, ct);
        box.Return(returnedAt);
        work.Record(new AuditEntry("legacy.box.returned", "legacy-box", request.Id.ToString(), $"{returnedAt:O}"));
        await work.CommitAsync(CasesProblems.BoxChanged, ct);
        return await BoxView.LoadAsync(db, box, ct);
    }
}

internal static class BoxDates
{
    /// <summary>A date of the box's way may be a few minutes ahead (clocks differ), not more.</summary>
    public static void EnsureNotInFuture(DateTimeOffset value, TimeProvider clock, string field)
    {
        if (value > clock.GetUtcNow().AddMinutes(5))
        {
            throw CasesProblems.DateInFuture(field);
        }
    }
}

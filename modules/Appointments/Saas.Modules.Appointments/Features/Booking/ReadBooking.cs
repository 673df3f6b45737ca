namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>A booking by its link token; another authority's token is not found (row-level security and the tenant filter).</summary>
internal sealed class ReadBooking(BookingViews views)
{
    public async Task<BookingView> ExecuteAsync(string token, CancellationToken ct = default) =>
        await views.ViewAsync(await views.FindAsync(token ?? "", ct), ct);
}

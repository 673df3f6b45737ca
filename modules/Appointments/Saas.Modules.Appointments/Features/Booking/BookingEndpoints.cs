using Saas.Platform.Antibot;

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>
/// Booking by applicants (public: the link token is the person's key): reserve a slot, confirm it with the person (a guest's address checked by an e-mailed link),
/// read it, its <c>.ics</c>, cancel and rebook it by link. Problems are RFC 9457; a lost race is a 409 with alternatives.
/// </summary>
internal static class BookingEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Writes count against the client's limit (docs/adr/0036); reads do not.
        var group = endpoints.MapGroup("/api/appointments").WithTags("Appointments").RequireRateLimiting(ClientLimits.Policy);
        group.MapPost("/reservations", async Task<Created<ReservationView>> (ReserveSlotRequest body, ReserveSlot reserve, CancellationToken ct) =>
        {
            var view = await reserve.ExecuteAsync(body, ct);
            return TypedResults.Created($"/api/appointments/bookings/{view.Token}", view);
        });
        group.MapPost("/bookings/confirm", async Task<Ok<BookingView>> (ConfirmBookingRequest body, ConfirmBooking confirm, CancellationToken ct) =>
            TypedResults.Ok(await confirm.ExecuteAsync(body, ct)));
        group.MapPost("/bookings/{token}/verify-email", async Task<Ok<BookingView>> (string token, VerifyBookingEmailRequest body, VerifyBookingEmail verify, CancellationToken ct) =>
            TypedResults.Ok(await verify.ExecuteAsync(token, body, ct)));
        group.MapGet("/bookings/{token}", async Task<Ok<BookingView>> (string token, ReadBooking read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(token, ct)));
        group.MapGet("/bookings/{token}/ics", async Task<FileContentHttpResult> (string token, BookingCalendar calendar, CancellationToken ct) =>
        {
            var (content, fileName) = await calendar.ExecuteAsync(token, ct);
            return TypedResults.File(content, BookingCalendar.ContentType, fileName);
        });
        group.MapPost("/bookings/{token}/cancel", async Task<Ok<BookingView>> (string token, CancelBooking cancel, CancellationToken ct) =>
            TypedResults.Ok(await cancel.ExecuteAsync(token, ct)));
        group.MapPost("/bookings/{token}/rebook", async Task<Ok<BookingView>> (string token, RebookBookingRequest body, RebookBooking rebook, CancellationToken ct) =>
            TypedResults.Ok(await rebook.ExecuteAsync(token, body, ct)));
    }
}

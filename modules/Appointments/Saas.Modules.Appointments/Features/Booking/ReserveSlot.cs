using Microsoft.Extensions.Options;
using Saas.Modules.Appointments.Features.Availability;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Errors;

namespace Saas.Modules.Appointments.Features.Booking;

internal sealed record ReserveSlotRequest(string Type, DateTimeOffset Start);

/// <summary>A held slot: the link token confirms it (and later cancels or rebooks it); it runs out at <c>HoldExpiresAt</c>.</summary>
internal sealed record ReservationView(string Token, string Type, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset HoldExpiresAt);

/// <summary>
/// Reserves a slot for a short hold (docs/adr/0031): the start must be a slot of the type by its rules (opening hours,
/// holidays, closures, notice, horizon); the seat is taken by the database (<see cref="ReserveSeat"/>). The loser of a
/// race gets a 409 problem with the next free slots as <c>alternatives</c>.
/// </summary>
internal sealed class ReserveSlot(AppointmentTypeCatalogue types, FreeSlots free, ReserveSeat reserve, RulesCache cache, AppointmentsDbContext db, IOptions<AppointmentsOptions> options)
{
    public async Task<ReservationView> ExecuteAsync(ReserveSlotRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Type ?? "";
        var type = await cache.GetAsync(db.CurrentTenantId, "type:" + key, () => types.FindAsync(key, ct)) ?? throw AppointmentsProblems.TypeNotFound(key);
        if (await free.SlotAtAsync(type, request.Start, ct) is null)
        {
            throw AppointmentsProblems.SlotUnavailable(type.Key, request.Start);
        }

        try
        {
            var held = await reserve.ReserveAsync(type, request.Start, ct);
            return new ReservationView(held.Token, type.Key, SlotGrid.ToLocal(held.StartsAt), SlotGrid.ToLocal(held.EndsAt), held.HoldExpiresAt);
        }
        catch (SaasProblemException e) when (e.Code == "appointment-slot-taken")
        {
            throw AppointmentsProblems.SlotTaken(type.Key, request.Start, await AlternativesAsync(free, type, request.Start, options.Value, ct));
        }
    }

    /// <summary>The next free slots after a taken one (up to the configured number and days).</summary>
    internal static async Task<IReadOnlyList<object>> AlternativesAsync(FreeSlots free, AppointmentTypeDefinition type, DateTimeOffset after, AppointmentsOptions options, CancellationToken ct)
    {
        var day = SlotGrid.LocalDate(after);
        var slots = await free.FindAsync(type, day, day.AddDays(options.AlternativesDays), ct);
        return [.. slots.Where(s => s.Start > after.ToUniversalTime()).Take(options.Alternatives)
            .Select(s => new SlotView(SlotGrid.ToLocal(s.Start), SlotGrid.ToLocal(s.End), s.Free))];
    }
}

using Saas.Modules.Appointments.Features.Definitions;

namespace Saas.Modules.Appointments.Features.Availability;

internal sealed record ReadAvailabilityRequest(string Type, DateOnly? From, int? Days);

/// <summary>The free slots of one appointment type (public: no personal data). Times are in Berlin's offset of the day.</summary>
internal sealed record AvailabilityView(string Type, string Name, string? NameEn, string Location, string Service, int DurationMinutes, DateOnly From, DateOnly To, IReadOnlyList<SlotView> Slots);

internal sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, int Free);

/// <summary>Free slots of an appointment type over up to 92 days from a day (today if none).</summary>
internal sealed class ReadAvailability(AppointmentTypeCatalogue types, FreeSlots free, TimeProvider clock)
{
    public const int DefaultDays = 14;

    public const int MaxDays = 92;

    public async Task<AvailabilityView> ExecuteAsync(ReadAvailabilityRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var days = request.Days ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            throw AppointmentsProblems.RangeTooLong(days, MaxDays);
        }

        var type = await types.GetAsync(request.Type ?? "", ct);
        var from = request.From ?? SlotGrid.LocalDate(clock.GetUtcNow());
        var to = from.AddDays(days - 1);
        var slots = await free.FindAsync(type, from, to, ct);
        return new AvailabilityView(type.Key, type.Name, type.NameEn, type.Location, type.Service, type.DurationMinutes, from, to,
            [.. slots.Select(s => new SlotView(SlotGrid.ToLocal(s.Start), SlotGrid.ToLocal(s.End), s.Free))]);
    }
}

/// <summary>The published appointment types (public: for the portal's choice of a service and location).</summary>
internal sealed record AppointmentTypeView(string Key, string Name, string? NameEn, string Location, string Service, int DurationMinutes, int HorizonDays, int CancellationCutoffHours);

internal sealed class ListAppointmentTypes(AppointmentTypeCatalogue types)
{
    public async Task<IReadOnlyList<AppointmentTypeView>> ExecuteAsync(CancellationToken ct = default) =>
        [.. (await types.ListAsync(ct)).Select(t => new AppointmentTypeView(t.Key, t.Name, t.NameEn, t.Location, t.Service, t.DurationMinutes, t.HorizonDays, t.CancellationCutoffHours))];
}

namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>Reserve, confirm (with the check of a guest's e-mail address), read, .ics, cancel and rebook by link (docs/adr/0028, 0031, 0040).</summary>
internal static class BookingFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ReserveSeat>();
        services.AddScoped<BookingViews>();
        services.AddScoped<BookingMail>();
        services.AddScoped<ReserveSlot>();
        services.AddScoped<ConfirmBooking>();
        services.AddScoped<VerifyBookingEmail>();
        services.AddScoped<ReadBooking>();
        services.AddScoped<BookingCalendar>();
        services.AddScoped<CancelBooking>();
        services.AddScoped<RebookBooking>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => BookingEndpoints.Map(endpoints);
}

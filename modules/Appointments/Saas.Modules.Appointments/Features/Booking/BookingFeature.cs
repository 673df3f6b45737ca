namespace Saas.Modules.Appointments.Features.Booking;

/// <summary>Reserving a seat of a slot (docs/adr/0028); the endpoints follow with availability.</summary>
internal static class BookingFeature
{
    public static void AddServices(IServiceCollection services) => services.AddScoped<ReserveSeat>();
}

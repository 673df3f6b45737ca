namespace Saas.Modules.Appointments.Features.Availability;

/// <summary>
/// Free slots per appointment type (public for the portal, no personal data), and the published types to choose from.
/// </summary>
internal static class AvailabilityFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<Definitions.AppointmentTypeCatalogue>();
        services.AddScoped<FreeSlots>();
        services.AddSingleton<RulesCache>();
        services.AddScoped<ReadAvailability>();
        services.AddScoped<ListAppointmentTypes>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/appointments").WithTags("Appointments");
        group.MapGet("/types", async Task<Ok<IReadOnlyList<AppointmentTypeView>>> (ListAppointmentTypes list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(ct)));
        group.MapGet("/availability", async Task<Ok<AvailabilityView>> (string type, DateOnly? from, int? days, ReadAvailability read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadAvailabilityRequest(type, from, days), ct)));
    }
}

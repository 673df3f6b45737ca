using Saas.Platform.Identity;

namespace Saas.Modules.Appointments.Features.Schedule;

/// <summary>
/// The front office's view (issue 15, item 7): the day's appointments per location with the person each is bound to,
/// lead times per type, and moving or cancelling by the office with a notice to the person. Staff only.
/// </summary>
internal static class ScheduleFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ReadSchedule>();
        services.AddScoped<CancelByOffice>();
        services.AddScoped<MoveByOffice>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/appointments/schedule").WithTags("Appointments: schedule").RequireAuthorization(SaasPolicies.Staff);
        group.MapGet("", async Task<Ok<ScheduleView>> (DateOnly? day, string? location, ReadSchedule read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadScheduleRequest(day, location), ct)));
        group.MapPost("/{id:guid}/cancel", async Task<Ok<ScheduleEntry>> (Guid id, CancelByOfficeRequest body, CancelByOffice cancel, CancellationToken ct) =>
            TypedResults.Ok(await cancel.ExecuteAsync(id, body, ct)));
        group.MapPost("/{id:guid}/move", async Task<Ok<ScheduleEntry>> (Guid id, MoveByOfficeRequest body, MoveByOffice move, CancellationToken ct) =>
            TypedResults.Ok(await move.ExecuteAsync(id, body, ct)));
    }
}

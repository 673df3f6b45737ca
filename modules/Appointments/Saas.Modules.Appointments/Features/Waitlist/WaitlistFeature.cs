using Saas.Platform.Antibot;
using Saas.Platform.Outbox;

namespace Saas.Modules.Appointments.Features.Waitlist;

/// <summary>The waitlist (issue 15, item 2): join with ALTCHA, read or withdraw by link; freed seats are offered from the outbox, lapsed offers to the next who waits.</summary>
internal static class WaitlistFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<JoinWaitlist>();
        services.AddScoped<WaitlistEntries>();
        services.AddIntegrationEventHandler<SeatFreed, OfferFreedSeat>();
        services.AddScoped<ReofferLapsedSeats>();
        services.AddHostedService<WaitlistSweepService>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/appointments/waitlist").WithTags("Appointments: waitlist").RequireRateLimiting(ClientLimits.Policy);
        group.MapPost("", async Task<Created<WaitlistView>> (JoinWaitlistRequest body, JoinWaitlist join, CancellationToken ct) =>
        {
            var view = await join.ExecuteAsync(body, ct);
            return TypedResults.Created($"/api/appointments/waitlist/{view.Token}", view);
        });
        group.MapGet("/{token}", async Task<Ok<WaitlistView>> (string token, WaitlistEntries entries, CancellationToken ct) =>
            TypedResults.Ok(await entries.ReadAsync(token, ct)));
        group.MapPost("/{token}/withdraw", async Task<Ok<WaitlistView>> (string token, WaitlistEntries entries, CancellationToken ct) =>
            TypedResults.Ok(await entries.WithdrawAsync(token, ct)));
    }
}

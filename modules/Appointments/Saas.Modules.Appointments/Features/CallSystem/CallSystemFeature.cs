using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Saas.Platform.Identity;
using Saas.Platform.Modules;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// The call system (Aufrufanlage; issue 15, item 5; docs/adr/0037). Kiosks and displays are devices (the authority's
/// client-credentials client); counters are staff. A display's calls stream as server-sent events.
/// </summary>
internal static class CallSystemFeature
{
    /// <summary>A comment line keeps proxies (nginx) from closing an idle stream.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IConfigurationSetCheck, CallSystemReferences>();
        services.AddScoped<CallSystems>();
        services.AddScoped<CheckIn>();
        services.AddScoped<Counter>();
        services.AddScoped<ReadCallSystem>();
        services.AddSingleton<CallBoard>();
    }

    private static void DeviceOrStaff(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireRole(SaasRoles.Device, SaasRoles.Caseworker, SaasRoles.TenantAdmin);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/callsystem/{location}").WithTags("Appointments: call system");

        // Kiosks and displays are devices; the front office may check a person in by hand and staff may watch a display.
        var kiosk = group.MapGroup("/kiosk").RequireAuthorization(DeviceOrStaff);
        kiosk.MapGet("", async Task<Ok<KioskView>> (string location, ReadCallSystem read, CancellationToken ct) =>
            TypedResults.Ok(await read.KioskAsync(location, ct)));
        kiosk.MapPost("/check-in", async Task<Ok<TicketView>> (string location, CheckInRequest body, CheckIn checkIn, CancellationToken ct) =>
            TypedResults.Ok(await checkIn.WithBookingAsync(location, body, ct)));
        kiosk.MapPost("/tickets", async Task<Created<TicketView>> (string location, DrawTicketRequest body, CheckIn checkIn, CancellationToken ct) =>
        {
            var ticket = await checkIn.WalkInAsync(location, body, ct);
            return TypedResults.Created($"/api/callsystem/{location}/tickets/{ticket.Id}", ticket);
        });

        var displays = group.MapGroup("/displays/{zone}").RequireAuthorization(DeviceOrStaff);
        displays.MapGet("", async Task<Ok<DisplayView>> (string location, string zone, ReadCallSystem read, CancellationToken ct) =>
            TypedResults.Ok(await read.DisplayAsync(location, zone, ct)));
        displays.MapGet("/events", StreamAsync);

        var counters = group.MapGroup("/counters/{counter}").RequireAuthorization(SaasPolicies.Staff);
        counters.MapGet("", async Task<Ok<CounterState>> (string location, string counter, Counter desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ReadAsync(location, counter, ct)));
        counters.MapPost("/next", async Task<Ok<CounterState>> (string location, string counter, Counter desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.CallNextAsync(location, counter, ct)));
        counters.MapPost("/tickets/{id:guid}/{action}", async Task<Ok<CounterState>> (string location, string counter, Guid id, string action, TicketActionRequest? body, Counter desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.ActAsync(location, counter, id, action, body ?? new TicketActionRequest(), ct)));

        group.MapGet("/figures", async Task<Ok<CallFigures>> (string location, DateOnly? day, ReadCallSystem read, CancellationToken ct) =>
            TypedResults.Ok(await read.FiguresAsync(location, day, ct))).RequireAuthorization(SaasPolicies.Staff);
    }

    /// <summary>
    /// The display's stream, for a client that accepts <c>text/event-stream</c>: first the recent calls
    /// (<c>event: snapshot</c>), then each call as it commits (<c>event: call</c>), a comment every
    /// <see cref="Heartbeat"/>; it ends when the display goes or the host stops. Any other client gets the snapshot as JSON.
    /// </summary>
    private static async Task StreamAsync(string location, string zone, HttpContext context, ReadCallSystem read, CallBoard board,
        AppointmentsDbContext db, IHostApplicationLifetime lifetime)
    {
        if (!context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
        {
            await context.Response.WriteAsJsonAsync(await read.DisplayAsync(location, zone, context.RequestAborted), context.RequestAborted);
            return;
        }

        // Subscribed before the snapshot is read, so that no call falls between the two (the display drops a repeat).
        var system = await read.ZoneAsync(location, zone, context.RequestAborted);
        var (id, calls) = board.Subscribe(db.CurrentTenantId, system.Location, zone);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var view = await read.DisplayAsync(location, zone, stop.Token);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            // nginx would otherwise buffer the stream.
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(context, "snapshot", view, stop.Token);
            while (!stop.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                beat.CancelAfter(Heartbeat);
                try
                {
                    var call = await calls.ReadAsync(beat.Token);
                    await WriteAsync(context, "call", new DisplayCall(call.Number, call.CounterName, Availability.SlotGrid.ToLocal(call.CalledAt), call.Recall), stop.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": heartbeat\n\n", stop.Token);
                    await context.Response.Body.FlushAsync(stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The display went away or the host stops.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
        }
        finally
        {
            board.Unsubscribe(id);
        }
    }

    private static async Task WriteAsync(HttpContext context, string name, object data, CancellationToken ct)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, JsonSerializerOptions.Web)}\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
    }
}

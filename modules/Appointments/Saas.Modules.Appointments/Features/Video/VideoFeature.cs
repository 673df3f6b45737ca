using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Saas.Platform.Antibot;
using Saas.Platform.Identity;

namespace Saas.Modules.Appointments.Features.Video;

/// <summary>
/// Digital office hours (issue 15, item 6; docs/adr/0039): the room of a video appointment, its signalling — sent by
/// POST, received as server-sent events — and the upload that files a document into the person's file. The applicant
/// reaches the room with the booking's link token, staff with the booking's id (here with a bearer token; the workbench's
/// page signals through its own handlers under the session cookie, since /api takes no cookies).
/// </summary>
internal static class VideoFeature
{
    /// <summary>A comment on the stream this often keeps proxies from closing an idle room.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<VideoRooms>();
        services.AddScoped<VideoSignals>();
        services.AddScoped<FileVideoDocument>();
        services.AddSingleton<IceServers>();
        services.AddSingleton<VideoHub>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var applicant = endpoints.MapGroup("/api/appointments/video/{token}").WithTags("Appointments: video");
        applicant.MapGet("", async Task<Ok<VideoRoomView>> (string token, VideoRooms rooms, CancellationToken ct) =>
            TypedResults.Ok(await rooms.ViewAsync(await rooms.ForApplicantAsync(token, ct), ct)));
        applicant.MapPost("/signals", async Task<Accepted> (string token, VideoSignalRequest body, VideoRooms rooms, VideoSignals signals, CancellationToken ct) =>
        {
            await signals.SendAsync(rooms.EnsureOpen(await rooms.ForApplicantAsync(token, ct)), body, ct);
            return TypedResults.Accepted((string?)null);
        });
        applicant.MapGet("/signals", async (string token, HttpContext context, VideoRooms rooms, VideoSignals signals, VideoHub hub, AppointmentsDbContext db, IHostApplicationLifetime lifetime) =>
            await StreamAsync(await rooms.ForApplicantAsync(token, context.RequestAborted), context, rooms, signals, hub, db, lifetime));
        applicant.MapPost("/documents", async Task<Created<FiledVideoDocument>> (string token, HttpRequest request, VideoRooms rooms, FileVideoDocument file, CancellationToken ct) =>
        {
            var room = rooms.EnsureOpen(await rooms.ForApplicantAsync(token, ct));
            var upload = await ReadUploadAsync(request, ct);
            var filed = await file.ExecuteAsync(room, upload.FileName, upload.ContentType, upload.Bytes, ct);
            return TypedResults.Created((string?)null, filed);
        }).RequireRateLimiting(ClientLimits.Policy).DisableAntiforgery();

        var staff = endpoints.MapGroup("/api/appointments/video-rooms/{id:guid}").WithTags("Appointments: video").RequireAuthorization(SaasPolicies.Staff);
        staff.MapGet("", async Task<Ok<VideoRoomView>> (Guid id, VideoRooms rooms, CancellationToken ct) =>
            TypedResults.Ok(await rooms.ViewAsync(await rooms.ForStaffAsync(id, ct), ct)));
        staff.MapPost("/signals", async Task<Accepted> (Guid id, VideoSignalRequest body, VideoRooms rooms, VideoSignals signals, CancellationToken ct) =>
        {
            await signals.SendAsync(rooms.EnsureOpen(await rooms.ForStaffAsync(id, ct)), body, ct);
            return TypedResults.Accepted((string?)null);
        });
        staff.MapGet("/signals", async (Guid id, HttpContext context, VideoRooms rooms, VideoSignals signals, VideoHub hub, AppointmentsDbContext db, IHostApplicationLifetime lifetime) =>
            await StreamAsync(await rooms.ForStaffAsync(id, context.RequestAborted), context, rooms, signals, hub, db, lifetime));
    }

    /// <summary>
    /// For a client that accepts <c>text/event-stream</c> and while the room is open: the other side's signals as
    /// <c>event: signal</c> with the sequence number as id, from after <c>Last-Event-ID</c> (a reconnect) or else from
    /// now; <c>event: closed</c> when the room closes. Any other client gets the other side's signals after
    /// <c>?after=</c> as JSON (a poll where a proxy does not pass streams).
    /// </summary>
    internal static async Task StreamAsync(VideoRoom room, HttpContext context, VideoRooms rooms, VideoSignals signals, VideoHub hub, AppointmentsDbContext db,
        IHostApplicationLifetime lifetime)
    {
        if (!context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
        {
            var from = long.TryParse(context.Request.Query["after"].ToString(), out var given) && given >= 0 ? given : 0;
            await context.Response.WriteAsJsonAsync(await signals.ReadAsync(room, from, context.RequestAborted), context.RequestAborted);
            return;
        }

        rooms.EnsureOpen(room);
        // Subscribed before the starting point is read, so that no signal falls between the two.
        var (id, pokes) = hub.Subscribe(db.CurrentTenantId, room.Booking.Id);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var after = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var last) && last >= 0
                ? last
                : await signals.LatestAsync(room, stop.Token);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            await context.Response.WriteAsync(": open\n\n", stop.Token);
            await context.Response.Body.FlushAsync(stop.Token);
            var clock = context.RequestServices.GetRequiredService<TimeProvider>();
            while (!stop.IsCancellationRequested)
            {
                IReadOnlyList<VideoSignalView> batch;
                do
                {
                    batch = await signals.ReadAsync(room, after, stop.Token);
                    foreach (var signal in batch)
                    {
                        await context.Response.WriteAsync($"id: {signal.Seq}\nevent: signal\ndata: {JsonSerializer.Serialize(signal, JsonSerializerOptions.Web)}\n\n", stop.Token);
                        after = signal.Seq;
                    }

                    await context.Response.Body.FlushAsync(stop.Token);
                }
                while (batch.Count == VideoSignals.Page);

                if (clock.GetUtcNow() >= room.ClosesAt)
                {
                    await context.Response.WriteAsync("event: closed\ndata: {}\n\n", stop.Token);
                    await context.Response.Body.FlushAsync(stop.Token);
                    return;
                }

                using var beat = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                beat.CancelAfter(Heartbeat);
                try
                {
                    await pokes.ReadAsync(beat.Token);
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
            // The browser left or the host stops.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
        }
        finally
        {
            hub.Unsubscribe(id);
        }
    }

    private static async Task<(string FileName, string ContentType, byte[] Bytes)> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        var max = FileVideoDocument.MaxBytes;
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max + (64 * 1024);
        }

        if (!request.HasFormContentType)
        {
            throw AppointmentsProblems.VideoUploadEmpty();
        }

        request.HttpContext.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(
            new Microsoft.AspNetCore.Http.Features.FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = max + (64 * 1024) }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw AppointmentsProblems.VideoUploadTooLarge(max / (1024 * 1024));
        }
        catch (InvalidDataException)
        {
            // Over the multipart limit, or a form that is not one (no parts at all).
            throw request.ContentLength > max ? AppointmentsProblems.VideoUploadTooLarge(max / (1024 * 1024)) : AppointmentsProblems.VideoUploadEmpty();
        }

        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            throw AppointmentsProblems.VideoUploadEmpty();
        }

        if (file.Length > max)
        {
            throw AppointmentsProblems.VideoUploadTooLarge(max / (1024 * 1024));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return (file.FileName, file.ContentType, buffer.ToArray());
    }
}

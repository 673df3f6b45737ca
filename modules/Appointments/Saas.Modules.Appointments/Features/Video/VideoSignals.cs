using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Saas.Modules.Appointments.Features.Video;

/// <summary>A signal a browser sends: its kind and its JSON payload (a session description or an ICE candidate) as text.</summary>
internal sealed record VideoSignalRequest(string? Kind, string? Payload);

/// <summary>A signal as the other side's stream delivers it.</summary>
internal sealed record VideoSignalView(long Seq, string Sender, string Kind, string Payload);

/// <summary>
/// The room's signalling (docs/adr/0039): what one side sends is stored for the room and announced; the other side's
/// stream reads it in order. Payloads are JSON of at most <see cref="MaxPayload"/> characters and depth
/// <see cref="MaxDepth"/>; the host does not read them further. A room's signals are deleted once it has closed.
/// </summary>
internal sealed class VideoSignals(AppointmentsDbContext db, TimeProvider clock)
{
    public const int MaxPayload = 20_000;

    public const int MaxDepth = 8;

    /// <summary>How many signals one read returns; the stream reads again at once when there were that many.</summary>
    public const int Page = 100;

    /// <summary>Signals one side may send in a room: a call needs a few dozen; more is a loop or a flood.</summary>
    public const int MaxPerSide = 1_000;

    private static readonly HashSet<string> Kinds = ["hello", "offer", "answer", "candidate", "bye"];

    public async Task<long> SendAsync(VideoRoom room, VideoSignalRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is not { } kind || !Kinds.Contains(kind))
        {
            throw AppointmentsProblems.VideoSignalInvalid("kind");
        }

        var payload = request.Payload ?? "{}";
        if (payload.Length > MaxPayload || !IsJson(payload))
        {
            throw AppointmentsProblems.VideoSignalInvalid("payload");
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM appointments.video_signals WHERE closes_at < {now}", ct);
        var sent = await db.Database.SqlQuery<long>($"""
            SELECT count(*) AS "Value" FROM appointments.video_signals WHERE booking_id = {room.Booking.Id} AND sender = {room.Role}
            """).SingleAsync(ct);
        if (sent >= MaxPerSide)
        {
            throw AppointmentsProblems.VideoSignalLimit(MaxPerSide);
        }

        var seq = (await db.Database.SqlQuery<long>($"""
            INSERT INTO appointments.video_signals (tenant_id, booking_id, sender, kind, payload, created_at, closes_at)
            VALUES ({db.CurrentTenantId}, {room.Booking.Id}, {room.Role}, {kind}, {payload}, {now}, {room.ClosesAt})
            RETURNING seq AS "Value"
            """).ToListAsync(ct)).Single();
        await VideoHub.AnnounceAsync(db, room.Booking.Id, ct);
        await tx.CommitAsync(ct);
        return seq;
    }

    /// <summary>The other side's signals after <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<VideoSignalView>> ReadAsync(VideoRoom room, long after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(room);
        return await db.Database.SqlQuery<VideoSignalView>($"""
            SELECT seq AS "Seq", sender AS "Sender", kind AS "Kind", payload AS "Payload" FROM appointments.video_signals
            WHERE booking_id = {room.Booking.Id} AND sender = {room.Other} AND seq > {after} ORDER BY seq LIMIT {Page}
            """).ToListAsync(ct);
    }

    /// <summary>The room's newest signal: a stream that joins starts after it (what was said before is stale).</summary>
    public async Task<long> LatestAsync(VideoRoom room, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(room);
        return await db.Database.SqlQuery<long>($"""
            SELECT coalesce(max(seq), 0) AS "Value" FROM appointments.video_signals WHERE booking_id = {room.Booking.Id}
            """).SingleAsync(ct);
    }

    private static bool IsJson(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

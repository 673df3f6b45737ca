using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Saas.Modules.Appointments.Features.Video;

/// <summary>
/// Wakes the rooms' streams when a signal commits (docs/adr/0039), on whichever host instance the other side is
/// connected to: a signal's insert sends <c>pg_notify</c> with the room (authority and booking) in its transaction; each
/// host's <see cref="AppointmentsListener"/> hands it here, and every stream of that room on this host reads what is new
/// from the table. The notification carries no content, so it never meets PostgreSQL's 8,000-byte limit.
/// </summary>
internal sealed class VideoHub
{
    public const string Channel = "appointments_video";

    private readonly ConcurrentDictionary<Guid, (Guid Tenant, Guid Room, Channel<bool> Pokes)> streams = new();

    public int Connected => streams.Count;

    public static Task AnnounceAsync(AppointmentsDbContext db, Guid room, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {db.CurrentTenantId + ":" + room})", ct);

    public (Guid Id, ChannelReader<bool> Pokes) Subscribe(Guid tenant, Guid room)
    {
        var id = Guid.NewGuid();
        // One pending poke is enough: the stream reads everything new when it wakes.
        var pokes = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        streams[id] = (tenant, room, pokes);
        return (id, pokes.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (streams.TryRemove(id, out var stream))
        {
            stream.Pokes.Writer.TryComplete();
        }
    }

    internal void Deliver(string payload)
    {
        var parts = (payload ?? "").Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var tenant) || !Guid.TryParse(parts[1], out var room))
        {
            return;
        }

        foreach (var stream in streams.Values)
        {
            if (stream.Tenant == tenant && stream.Room == room)
            {
                stream.Pokes.Writer.TryWrite(true);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>A call as a display shows it: the number, the counter's name and whether it is a repeated call.</summary>
internal sealed record CallEvent(Guid TenantId, string Location, string Zone, string Number, string Counter, string CounterName, DateTimeOffset CalledAt, bool Recall);

/// <summary>
/// Calls reach every display through PostgreSQL (docs/adr/0037): a counter's action sends <c>pg_notify</c> in its own
/// transaction, so a call is announced exactly when it commits and by whichever host instance made it; each host
/// listens on one connection (<see cref="AppointmentsListener"/>) and hands a call to the displays of its zone connected to it.
/// </summary>
internal sealed class CallBoard
{
    public const string Channel = "appointments_calls";

    /// <summary>A display that cannot keep up loses its oldest calls, never the host's memory.</summary>
    private const int Buffer = 32;

    private readonly ConcurrentDictionary<Guid, (Guid Tenant, string Location, string Zone, Channel<CallEvent> Calls)> displays = new();

    public int Connected => displays.Count;

    /// <summary>Announces a call when <paramref name="db"/>'s transaction commits.</summary>
    public static Task AnnounceAsync(AppointmentsDbContext db, CallEvent call, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {JsonSerializer.Serialize(call)})", ct);

    public (Guid Id, ChannelReader<CallEvent> Calls) Subscribe(Guid tenant, string location, string zone)
    {
        var id = Guid.NewGuid();
        var calls = System.Threading.Channels.Channel.CreateBounded<CallEvent>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest });
        displays[id] = (tenant, location, zone, calls);
        return (id, calls.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (displays.TryRemove(id, out var display))
        {
            display.Calls.Writer.TryComplete();
        }
    }

    internal void Deliver(string payload)
    {
        CallEvent? call;
        try
        {
            call = JsonSerializer.Deserialize<CallEvent>(payload);
        }
        catch (JsonException)
        {
            return;
        }

        foreach (var display in displays.Values)
        {
            if (call is not null && display.Tenant == call.TenantId && display.Location == call.Location && display.Zone == call.Zone)
            {
                display.Calls.Writer.TryWrite(call);
            }
        }
    }
}

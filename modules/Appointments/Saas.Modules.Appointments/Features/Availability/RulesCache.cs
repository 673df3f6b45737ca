using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Saas.Modules.Appointments.Features.Availability;

/// <summary>
/// The published rules a reservation reads before its insert (the type, the location's opening hours, the holidays),
/// kept per authority for a few seconds (<c>Appointments:RulesCacheSeconds</c>, 0 = off), so a burst of bookings does
/// not read the same three metadata documents for every request. A publish shows up within that time; no booking
/// depends on it being fresher, since the seat itself is decided by the database.
/// </summary>
internal sealed class RulesCache(TimeProvider clock, IOptions<AppointmentsOptions> options)
{
    private readonly ConcurrentDictionary<(Guid Tenant, string Key), (DateTimeOffset At, object? Value)> entries = new();

    public async Task<T> GetAsync<T>(Guid tenant, string key, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var seconds = options.Value.RulesCacheSeconds;
        var now = clock.GetUtcNow();
        if (seconds > 0 && entries.TryGetValue((tenant, key), out var entry) && now - entry.At < TimeSpan.FromSeconds(seconds) && now >= entry.At)
        {
            return (T)entry.Value!;
        }

        var value = await read();
        if (seconds > 0)
        {
            if (entries.Count > 10_000)
            {
                entries.Clear();
            }

            entries[(tenant, key)] = (now, value);
        }

        return value;
    }
}

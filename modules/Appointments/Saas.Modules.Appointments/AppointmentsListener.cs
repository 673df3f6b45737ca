using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Saas.Modules.Appointments.Features.CallSystem;
using Saas.Modules.Appointments.Features.Video;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments;

/// <summary>
/// The module's one LISTEN connection per host: calls go to <see cref="CallBoard"/> (docs/adr/0037), video signals wake
/// the rooms' streams through <see cref="VideoHub"/> (docs/adr/0039); it reconnects after a failure.
/// </summary>
internal sealed class AppointmentsListener(Microsoft.Extensions.Options.IOptions<DatabaseOptions> database, CallBoard board, VideoHub video, ILogger<AppointmentsListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A connection of its own, outside the application's pool: it stays open for the host's life and must
                // not take one of the pool's connections away from requests.
                var unpooled = new NpgsqlConnectionStringBuilder(database.Value.Application) { Pooling = false };
                await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == CallBoard.Channel)
                    {
                        board.Deliver(e.Payload);
                    }
                    else if (e.Channel == VideoHub.Channel)
                    {
                        video.Deliver(e.Payload);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {CallBoard.Channel}; LISTEN {VideoHub.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                finally
                {
                    await connection.CloseAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                log.LogWarning(e, "The appointments listener lost its connection; it reconnects in two seconds.");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

using System.Net.Sockets;

namespace Saas.Platform.Data;

/// <summary>
/// Whether an exception means the database cannot be reached right now (Hardening item 6): a connection refused or
/// lost, a timeout opening one, or the server shutting down, crashed or not yet accepting connections (SQLSTATE class
/// 08, 57P01–57P03, 53300). The kernel answers such a request 503 with Retry-After instead of 500; EF Core and Npgsql
/// wrap the cause, so the whole chain of inner exceptions is looked at.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    if (postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections)
                    {
                        return true;
                    }

                    // Any other server error (a constraint, a syntax error) is an answer of a reachable database.
                    return false;
                case NpgsqlException { InnerException: SocketException or TimeoutException or EndOfStreamException }:
                    return true;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException:
                    return true;
            }
        }

        return false;
    }
}

using System.Net.Sockets;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence;

/// <summary>
/// Tells a database outage (refused or broken connection, a timeout, a server shutting down or out of connections)
/// from a bug. An outage is worth a retry by the client; a bug is not.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>The short name of the outage, for the log ("connection refused", "timeout" ...), or null for any other failure.</summary>
    public static string? TransientKind(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                        ? $"server error {postgres.SqlState}"
                        : null;
                case TimeoutException:
                    return "timeout";
                case SocketException socket:
                    return $"socket {socket.SocketErrorCode}";
                case NpgsqlException { IsTransient: true } when current.InnerException is null:
                    return "connection failure";
                case EndOfStreamException:
                    return "connection closed";
            }
        }

        // A broken connection surfaces as a transient NpgsqlException wrapping an IOException.
        return exception is NpgsqlException { IsTransient: true } || exception.InnerException is NpgsqlException { IsTransient: true }
            ? "connection failure"
            : null;
    }

    public static bool IsTransient(Exception exception) => TransientKind(exception) is not null;
}

using System.Net.Sockets;
using Marketplace.Data.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Data.Failures;

/// <summary>
/// Tells a database that is away or misconfigured from a fault in the server, and says what to do about it.
/// </summary>
public static class DatabaseFailures
{
    // SQLite result codes: https://sqlite.org/rescode.html
    private const int SqliteError = 1;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// Runs a database operation, turning connection-level failures into <see cref="DatabaseUnavailableException"/>.
    /// </summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);

        try
        {
            return await operation();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException("The database cannot be reached.", exception);
        }
    }

    /// <summary>
    /// Returns true when the failure comes from the database being away, not from the request.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        return Describe(exception, target: null) is not null;
    }

    /// <summary>
    /// Returns one sentence that tells an operator what is wrong and which setting to fix, or null when the
    /// failure is not a connection problem.
    /// </summary>
    public static string? Describe(Exception exception, DatabaseTarget? target)
    {
        ArgumentNullException.ThrowIfNull(exception);

        var settings = target?.Settings ?? "the database settings";
        var where = target?.Description ?? "the database";

        for (var current = exception; current is not null; current = current.InnerException)
        {
            var sentence = current switch
            {
                PostgresException postgres => DescribePostgres(postgres, where, settings),
                NpgsqlException { InnerException: SocketException or TimeoutException or IOException } =>
                    $"Cannot reach {where}: the server is down or unreachable. Start it, or fix the host and port " +
                    $"in {settings}.",
                NpgsqlException { IsTransient: true } =>
                    $"Lost the connection to {where}. Check that the server is running; the server will retry.",
                SqliteException { SqliteErrorCode: SqliteCantOpen } =>
                    $"Cannot open {where}. Make sure its folder exists and is writable, or set Database:SqlitePath.",
                SqliteException { SqliteErrorCode: SqliteError } sqlite when sqlite.Message.Contains(
                    "no such table", StringComparison.Ordinal) =>
                    $"The product table is missing from {where}. Restart the server, which creates it at start.",
                SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } =>
                    $"{where} is locked by another program. Close it or wait, then retry.",
                _ => null,
            };

            if (sentence is not null)
            {
                return sentence;
            }
        }

        return null;
    }

    private static string? DescribePostgres(PostgresException exception, string where, string settings)
    {
        return exception.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"{where} refused the user name or password. Fix the user and password in {settings}.",
            PostgresErrorCodes.InvalidCatalogName =>
                $"{where} does not exist. Create it (createdb) or fix the database name in {settings}.",
            PostgresErrorCodes.UndefinedTable =>
                $"The product table is missing from {where}. Restart the server, which creates it at start, " +
                "or restore it from a backup.",
            PostgresErrorCodes.InsufficientPrivilege =>
                $"The user of {where} may not create or change the product table. Grant it the rights, " +
                "or create the table as its owner.",
            PostgresErrorCodes.TooManyConnections =>
                $"{where} has no free connection slots. Raise max_connections or lower the pool size in {settings}.",
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or
                PostgresErrorCodes.CannotConnectNow =>
                $"{where} is shutting down or starting up. Wait for it; the server will retry.",
            _ => null,
        };
    }
}

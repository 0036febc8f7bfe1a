using System.Globalization;
using Marketplace.Data.Configuration;
using Marketplace.Data.Failures;
using Microsoft.Data.Sqlite;

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// The change log in the embedded SQLite file: table <c>producto_cambio</c>, filled by triggers on
/// <c>producto</c>. SQLite cannot signal other connections, so sessions never listen and are polled.
/// </summary>
internal sealed class SqliteChangeLog(DatabaseTarget target) : IChangeLog
{
    /// <summary>How the triggers write <c>registrado</c>: UTC, to the millisecond, ordered as text.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <inheritdoc />
    public bool CanListen => false;

    /// <inheritdoc />
    public Task<IChangeLogSession> OpenAsync(bool listen, CancellationToken cancellationToken = default)
    {
        return DatabaseFailures.TranslateAsync(async () =>
        {
            var connection = new SqliteConnection(target.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return (IChangeLogSession)new SqliteChangeLogSession(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        });
    }

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default)
    {
        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var connection = new SqliteConnection(target.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM producto_cambio WHERE registrado < $before";
            command.Parameters.AddWithValue(
                "$before",
                recordedBefore.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));

            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }
}

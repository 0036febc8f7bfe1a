using Marketplace.Data.Configuration;
using Marketplace.Data.Failures;
using Npgsql;

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// The change log on PostgreSQL: table <c>producto_cambio</c>, filled by triggers on <c>producto</c> that also
/// send <c>NOTIFY producto_cambio</c> (see the <c>AddProductChangeLog</c> migration).
/// </summary>
internal sealed class PostgresChangeLog(DatabaseTarget target) : IChangeLog
{
    // Seconds of silence before Npgsql probes the connection, so a cut network is noticed while waiting.
    private const int KeepAliveSeconds = 10;

    private readonly string _sessionConnectionString = new NpgsqlConnectionStringBuilder(target.ConnectionString)
    {
        // A listening connection is held for the life of the session; it must not come from, or go back to,
        // the pool that serves requests.
        Pooling = false,
        ApplicationName = ChangeLogNames.ApplicationName,
        KeepAlive = KeepAliveSeconds,
    }.ConnectionString;

    /// <inheritdoc />
    public bool CanListen => true;

    /// <inheritdoc />
    public async Task<IChangeLogSession> OpenAsync(bool listen, CancellationToken cancellationToken = default)
    {
        return await DatabaseFailures.TranslateAsync(
            () => PostgresChangeLogSession.OpenAsync(_sessionConnectionString, listen, cancellationToken));
    }

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default)
    {
        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            await using var command = new NpgsqlCommand(
                "DELETE FROM producto_cambio WHERE registrado < $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = recordedBefore });

            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }
}

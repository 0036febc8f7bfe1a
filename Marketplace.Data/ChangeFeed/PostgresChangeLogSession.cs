using Marketplace.Data.Failures;
using Npgsql;

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// Reads the PostgreSQL change log in commit order on one dedicated connection, optionally listening for the
/// triggers' <c>NOTIFY</c>.
/// </summary>
/// <remarks>
/// A change is read once its transaction is visible in a snapshot and was not visible in the previous one. This
/// closes the hole a sequence cursor has: a transaction that took a lower sequence and commits later is still
/// in progress in the earlier snapshot, so it is read with the later one. Notifications only wake the reader;
/// the log is what is read, so a lost or merged notification loses nothing.
/// </remarks>
internal sealed class PostgresChangeLogSession : IChangeLogSession
{
    private const string ReadChanges = """
        SELECT secuencia, operacion, fila::text, registrado
        FROM producto_cambio
        WHERE transaccion >= pg_snapshot_xmin($1::pg_snapshot)
          AND NOT pg_visible_in_snapshot(transaccion, $1::pg_snapshot)
          AND pg_visible_in_snapshot(transaccion, $2::pg_snapshot)
          AND secuencia > $3
        ORDER BY secuencia
        LIMIT $4
        """;

    private readonly NpgsqlConnection _connection;

    // Set by notifications that arrive while a read runs, so the wait after it does not sleep through them.
    private volatile bool _signalled;

    private PostgresChangeLogSession(NpgsqlConnection connection, bool listening)
    {
        _connection = connection;
        IsListening = listening;
    }

    /// <inheritdoc />
    public bool IsListening { get; }

    /// <summary>Opens the connection and, when <paramref name="listen"/>, subscribes to the change signal.</summary>
    public static async Task<PostgresChangeLogSession> OpenAsync(
        string connectionString,
        bool listen,
        CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            var session = new PostgresChangeLogSession(connection, listen);
            if (listen)
            {
                connection.Notification += session.OnNotification;
                await using var command = new NpgsqlCommand($"LISTEN {ChangeLogNames.NotifyChannel}", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return session;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<ChangeLogPosition> GetEndAsync(CancellationToken cancellationToken = default)
    {
        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT pg_current_snapshot()::text, coalesce((SELECT max(secuencia) FROM producto_cambio), 0)",
                _connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);

            return new ChangeLogPosition(reader.GetInt64(1), reader.GetString(0));
        });
    }

    /// <inheritdoc />
    public Task<ChangeBatch> ReadAsync(
        ChangeLogPosition after,
        int maxChanges,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChanges, 1);
        if (after.Snapshot is null)
        {
            throw new ArgumentException("The position does not come from a PostgreSQL change log.", nameof(after));
        }

        var snapshot = after.Snapshot;
        return DatabaseFailures.TranslateAsync(() => ReadWindowAsync(after, snapshot, maxChanges, cancellationToken));
    }

    /// <inheritdoc />
    public Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!IsListening)
        {
            throw new InvalidOperationException("This session does not listen for changes.");
        }

        if (_signalled)
        {
            return Task.FromResult(true);
        }

        return DatabaseFailures.TranslateAsync(() => _connection.WaitAsync(timeout, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _connection.Notification -= OnNotification;
        return _connection.DisposeAsync();
    }

    private async Task<ChangeBatch> ReadWindowAsync(
        ChangeLogPosition after,
        string snapshot,
        int maxChanges,
        CancellationToken cancellationToken)
    {
        var window = after.Window;
        var fromSequence = after.Sequence;
        if (window is null)
        {
            // Any notification from here on may be for a change the new window misses: wake for it.
            _signalled = false;
            window = await TakeSnapshotAsync(cancellationToken);
            fromSequence = 0;
        }

        var changes = await ReadChangesAsync(snapshot, window, fromSequence, maxChanges, cancellationToken);

        if (changes.Count == maxChanges)
        {
            return new ChangeBatch(changes, new ChangeLogPosition(changes[^1].Sequence, snapshot, window), true);
        }

        var last = changes.Count > 0 ? changes[^1].Sequence : after.Sequence;
        return new ChangeBatch(changes, new ChangeLogPosition(last, window), false);
    }

    private async Task<string> TakeSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_current_snapshot()::text", _connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<ProductChange>> ReadChangesAsync(
        string snapshot,
        string window,
        long fromSequence,
        int maxChanges,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadChanges, _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot });
        command.Parameters.Add(new NpgsqlParameter { Value = window });
        command.Parameters.Add(new NpgsqlParameter { Value = fromSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = maxChanges });

        var changes = new List<ProductChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new ProductChange(
                reader.GetInt64(0),
                ChangeOperation.Parse(reader.GetString(1)),
                ChangeRowReader.Read(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return changes;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args) => _signalled = true;
}

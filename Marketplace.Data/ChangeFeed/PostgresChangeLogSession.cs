using Marketplace.Data.Failures;
using Npgsql;
using NpgsqlTypes;

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
    // One round trip per read: the window is the given snapshot, or, for a new window, the statement's own, which
    // is also the snapshot its rows are read with.
    private const string ReadChanges = """
        WITH w AS (SELECT coalesce($2::pg_snapshot, pg_current_snapshot()) AS s)
        SELECT w.s::text, c.secuencia, c.operacion, c.fila::text, c.registrado
        FROM w LEFT JOIN LATERAL (
            SELECT secuencia, operacion, fila, registrado
            FROM producto_cambio
            WHERE transaccion >= pg_snapshot_xmin($1::pg_snapshot)
              AND NOT pg_visible_in_snapshot(transaccion, $1::pg_snapshot)
              AND pg_visible_in_snapshot(transaccion, w.s)
              AND secuencia > $3
            ORDER BY secuencia
            LIMIT $4
        ) c ON true
        ORDER BY c.secuencia
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
        if (after.Window is null)
        {
            // Any notification from here on may be for a change the new window misses: wake for it.
            _signalled = false;
        }

        var fromSequence = after.Window is null ? 0 : after.Sequence;
        var (window, changes) = await ReadChangesAsync(
            snapshot, after.Window, fromSequence, maxChanges, cancellationToken);

        if (changes.Count == maxChanges)
        {
            return new ChangeBatch(changes, new ChangeLogPosition(changes[^1].Sequence, snapshot, window), true);
        }

        var last = changes.Count > 0 ? changes[^1].Sequence : after.Sequence;
        return new ChangeBatch(changes, new ChangeLogPosition(last, window), false);
    }

    private async Task<(string Window, List<ProductChange> Changes)> ReadChangesAsync(
        string snapshot,
        string? window,
        long fromSequence,
        int maxChanges,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadChanges, _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot });
        command.Parameters.Add(
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)window ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = fromSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = maxChanges });

        var changes = new List<ProductChange>();
        string? taken = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken ??= reader.GetString(0);

            // With no change in the window, the one row carries the window alone.
            if (!reader.IsDBNull(1))
            {
                changes.Add(new ProductChange(
                    reader.GetInt64(1),
                    ChangeOperation.Parse(reader.GetString(2)),
                    ChangeRowReader.Read(reader.GetString(3)),
                    reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        return (taken!, changes);
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args) => _signalled = true;
}

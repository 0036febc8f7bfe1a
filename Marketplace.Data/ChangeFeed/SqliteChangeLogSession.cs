using System.Globalization;
using Marketplace.Data.Failures;
using Microsoft.Data.Sqlite;

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// Reads the SQLite change log. SQLite commits one writer at a time and a rolled back transaction gives its
/// sequence back, so the log commits in sequence order and "above the last sequence read" misses nothing.
/// </summary>
internal sealed class SqliteChangeLogSession(SqliteConnection connection) : IChangeLogSession
{
    /// <inheritdoc />
    public bool IsListening => false;

    /// <inheritdoc />
    public Task<ChangeLogPosition> GetEndAsync(CancellationToken cancellationToken = default)
    {
        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(secuencia), 0) FROM producto_cambio";

            var end = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new ChangeLogPosition(end);
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

        return DatabaseFailures.TranslateAsync(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT secuencia, operacion, fila, registrado
                FROM producto_cambio
                WHERE secuencia > $after
                ORDER BY secuencia
                LIMIT $max
                """;
            command.Parameters.AddWithValue("$after", after.Sequence);
            command.Parameters.AddWithValue("$max", maxChanges);

            var changes = new List<ProductChange>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new ProductChange(
                    reader.GetInt64(0),
                    ChangeOperation.Parse(reader.GetString(1)),
                    ChangeRowReader.Read(reader.GetString(2)),
                    ParseTimestamp(reader.GetString(3))));
            }

            var last = changes.Count > 0 ? changes[^1].Sequence : after.Sequence;
            return new ChangeBatch(changes, new ChangeLogPosition(last), changes.Count == maxChanges);
        });
    }

    /// <inheritdoc />
    public Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("SQLite cannot signal changes; poll instead.");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(
            text,
            SqliteChangeLog.TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
}

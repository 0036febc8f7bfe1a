using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Bench.Scenarios.ChangeFeed;

/// <summary>
/// Inserts rows into <c>producto</c> with plain SQL on a connection of its own, as another program of the
/// marketplace would, one row per transaction at a steady rate.
/// </summary>
internal sealed class ProductWriter : IAsyncDisposable
{
    private const string InsertSql =
        """
        INSERT INTO producto ("nombreProducto", descripcion, precio, stock, "imagenURL")
        VALUES ($1, 'Written by Marketplace.Bench changefeed', 9.99, 1, '')
        RETURNING "idProducto"
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _insert;
    private readonly NpgsqlParameter<string> _name = new() { NpgsqlDbType = NpgsqlDbType.Text };
    private int _written;

    private ProductWriter(NpgsqlConnection connection)
    {
        _connection = connection;
        _insert = new NpgsqlCommand(InsertSql, connection) { Parameters = { _name } };
    }

    /// <summary>Opens the writer's connection to the database at <paramref name="connectionString"/>.</summary>
    /// <exception cref="BenchException">The database cannot be reached or has no <c>producto</c> table.</exception>
    public static async Task<ProductWriter> OpenAsync(
        string connectionString,
        CancellationToken cancellationToken = default)
    {
        // No pool: the writer's one connection is its own, opened once and closed at the end.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var writer = new ProductWriter(new NpgsqlConnection(builder.ConnectionString));
        try
        {
            await writer._connection.OpenAsync(cancellationToken);
            await writer._insert.PrepareAsync(cancellationToken);
            return writer;
        }
        catch (NpgsqlException exception)
        {
            await writer.DisposeAsync();
            throw Explain(exception);
        }
    }

    /// <summary>
    /// Inserts <paramref name="count"/> rows at <paramref name="rowsPerSecond"/>, each in its own transaction, and
    /// returns them in commit order.
    /// </summary>
    /// <remarks>
    /// Rows are due on a fixed schedule from the first, so a slow commit delays the next row but not the rate;
    /// a writer that fell behind catches up at once rather than drifting.
    /// </remarks>
    public async Task<IReadOnlyList<CommittedRow>> WriteAsync(
        int count,
        double rowsPerSecond,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<CommittedRow>(count);
        var start = Stopwatch.GetTimestamp();

        for (var index = 0; index < count; index++)
        {
            var due = start + (long)(index * Stopwatch.Frequency / rowsPerSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            rows.Add(await InsertAsync(cancellationToken));
        }

        return rows;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static BenchException Explain(NpgsqlException exception)
    {
        return exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable }
            ? new BenchException(
                "The database has no producto table. The server creates it at start; with --postgres-db, give " +
                "the database the server uses.",
                exception)
            : new BenchException($"Cannot write to the database: {exception.Message}", exception);
    }

    private async Task<CommittedRow> InsertAsync(CancellationToken cancellationToken)
    {
        _written++;
        _name.TypedValue = $"bench row {_written}";
        try
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            _insert.Transaction = transaction;
            var productId = (int)(await _insert.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);

            // Stamped at once: the latency runs from the moment a writer knows its row is committed.
            return new CommittedRow(productId, Stopwatch.GetTimestamp());
        }
        catch (NpgsqlException exception)
        {
            throw Explain(exception);
        }
    }
}

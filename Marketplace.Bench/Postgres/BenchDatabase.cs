using Marketplace.Bench.CommandLine;
using Npgsql;

namespace Marketplace.Bench.Postgres;

/// <summary>
/// The PostgreSQL database a run writes to: one given with <c>--postgres-db</c>, or a fresh one the bench creates
/// on the server of <c>--postgres</c> or on a throwaway cluster, and drops afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly ThrowawayCluster? _cluster;
    private readonly string? _dropWith;

    private BenchDatabase(string connectionString, string origin, ThrowawayCluster? cluster, string? dropWith)
    {
        ConnectionString = connectionString;
        Origin = origin;
        _cluster = cluster;
        _dropWith = dropWith;
    }

    /// <summary>Gets the database's connection string, for the server and the bench's own writer.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets where the database came from, for the report; it holds no connection details.</summary>
    public string Origin { get; }

    /// <summary>Prepares the database the options ask for.</summary>
    /// <param name="common">The shared options.</param>
    /// <param name="clusterDirectory">Where a throwaway cluster goes, when one is needed.</param>
    /// <param name="cancellationToken">Stops the preparation.</param>
    public static async Task<BenchDatabase> PrepareAsync(
        CommonOptions common,
        string clusterDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(common);

        if (common.PostgresDatabase is { } given)
        {
            return new BenchDatabase(given, "given with --postgres-db", null, null);
        }

        if (common.PostgresAdmin is { } admin)
        {
            var created = await CreateAsync(admin, cancellationToken);
            return new BenchDatabase(created, "created on the --postgres server", null, admin);
        }

        var cluster = await ThrowawayCluster.StartAsync(clusterDirectory, cancellationToken);
        try
        {
            // Removing the cluster removes the database with it; there is nothing to drop.
            var created = await CreateAsync(cluster.AdminConnectionString, cancellationToken);
            return new BenchDatabase(created, "created on a throwaway cluster", cluster, dropWith: null);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Drops a database the bench created and stops its throwaway cluster.</summary>
    /// <exception cref="BenchException">The database could not be dropped; the message names it.</exception>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dropWith is not null)
        {
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            try
            {
                await ExecuteAsync(_dropWith, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException exception)
            {
                throw new BenchException($"Cannot drop the benchmark database {name}; drop it by hand.", exception);
            }
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static async Task<string> CreateAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        // A name of the bench's own, so it can never collide with a real database it would then drop.
        var name = $"marketplace_bench_{Guid.NewGuid():N}";
        try
        {
            await ExecuteAsync(adminConnectionString, $"CREATE DATABASE \"{name}\"", cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw new BenchException($"Cannot create the benchmark database: {exception.Message}", exception);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task ExecuteAsync(
        string connectionString,
        string sql,
        CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A server on a database made for one test, removed with it.
/// </summary>
public sealed class ServerOnEngine : IAsyncDisposable
{
    private readonly PostgresServer _postgres;

    private ServerOnEngine(MarketplaceServer server, PostgresServer postgres, string? connectionString)
    {
        Server = server;
        _postgres = postgres;
        ConnectionString = connectionString;
    }

    /// <summary>Gets the server.</summary>
    public MarketplaceServer Server { get; }

    /// <summary>Gets the PostgreSQL database's connection string; null on SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>Starts a server on a fresh database of <paramref name="engine"/>.</summary>
    public static async Task<ServerOnEngine> StartAsync(
        Engine engine,
        PostgresServer postgres,
        params (string Key, string? Value)[] settings)
    {
        if (engine == Engine.Sqlite)
        {
            return new ServerOnEngine(MarketplaceServer.StartSqlite(settings), postgres, null);
        }

        return await StartPostgresAsync(postgres, _ => Task.CompletedTask, settings);
    }

    /// <summary>
    /// Starts a server on a fresh PostgreSQL database that <paramref name="prepare"/> fills first, as another
    /// program would have.
    /// </summary>
    public static async Task<ServerOnEngine> StartPostgresAsync(
        PostgresServer postgres,
        Func<string, Task> prepare,
        params (string Key, string? Value)[] settings)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await prepare(connectionString);

        var server = MarketplaceServer.StartPostgres(connectionString, settings);
        return new ServerOnEngine(server, postgres, connectionString);
    }

    /// <summary>Starts a server on a fresh PostgreSQL database, with <paramref name="clock"/> as its time.</summary>
    public static async Task<ServerOnEngine> StartPostgresAsync(
        PostgresServer postgres,
        TimeProvider clock,
        params (string Key, string? Value)[] settings)
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var server = MarketplaceServer.StartPostgres(connectionString, clock, settings);
        return new ServerOnEngine(server, postgres, connectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();

        if (ConnectionString is not null)
        {
            await _postgres.DropDatabaseAsync(ConnectionString);
        }
    }
}

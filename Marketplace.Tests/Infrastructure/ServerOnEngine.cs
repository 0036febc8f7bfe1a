namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A server on a database made for one test, removed with it.
/// </summary>
public sealed class ServerOnEngine : IAsyncDisposable
{
    private readonly PostgresServer _postgres;
    private readonly string? _connectionString;

    private ServerOnEngine(MarketplaceServer server, PostgresServer postgres, string? connectionString)
    {
        Server = server;
        _postgres = postgres;
        _connectionString = connectionString;
    }

    /// <summary>Gets the server.</summary>
    public MarketplaceServer Server { get; }

    /// <summary>Gets or sets a filter for server errors the test provokes on purpose.</summary>
    public Func<LogEntry, bool>? ExpectedErrors { get; set; }

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

        var connectionString = await postgres.CreateDatabaseAsync();
        return new ServerOnEngine(MarketplaceServer.StartPostgres(connectionString, settings), postgres, connectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Server.AssertNoUnexpectedErrors(ExpectedErrors);
        await Server.DisposeAsync();

        if (_connectionString is not null)
        {
            await _postgres.DropDatabaseAsync(_connectionString);
        }
    }
}

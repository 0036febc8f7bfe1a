namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// One server on the embedded SQLite database, shared by the tests of a class; tests use channel names of their
/// own so they do not see each other's messages.
/// </summary>
public sealed class SqliteServerFixture : IAsyncLifetime
{
    /// <summary>Gets the server.</summary>
    public MarketplaceServer Server { get; private set; } = null!;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        Server = MarketplaceServer.StartSqlite();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
    }
}

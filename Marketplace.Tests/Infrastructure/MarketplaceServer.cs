using System.Net.Sockets;
using Marketplace.Hubs.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The real server on a real Kestrel port, configured for one test: its own database and settings, and a
/// <see cref="LogSink"/> so tests can watch its logs. Disposing it fails the test on any server error the test
/// did not expect, as SignalR's own tests do.
/// </summary>
public sealed class MarketplaceServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;

    private MarketplaceServer(Dictionary<string, string?> settings, TimeProvider? clock)
    {
        _settings = settings;
        _clock = clock;
        UseKestrel(0);
    }

    /// <summary>Gets the server's log.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>Gets the base address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>Gets the legacy WebSocket address at <paramref name="path"/>.</summary>
    public Uri WebSocketAddress(string path = "/ws") =>
        new UriBuilder(HttpAddress) { Scheme = "ws", Path = path }.Uri;

    /// <summary>Gets the SignalR hub's address.</summary>
    public Uri HubAddress => new(HttpAddress, MarketplaceApplication.HubPath);

    /// <summary>Opens a plain TCP connection to the server, for tests that write the bytes themselves.</summary>
    public async Task<TcpClient> ConnectTcpAsync()
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(HttpAddress.Host, HttpAddress.Port).WaitAsync(TestTimeouts.Default);
        return tcp;
    }

    /// <summary>Starts a server on the embedded SQLite database, in a file of its own.</summary>
    public static MarketplaceServer StartSqlite(params (string Key, string? Value)[] settings)
    {
        var path = Path.Combine(Path.GetTempPath(), $"marketplace-test-{Guid.NewGuid():N}.db");
        return Start([("Database:SqlitePath", path), .. settings], clock: null);
    }

    /// <summary>
    /// Starts a server on the embedded SQLite database whose clock is <paramref name="clock"/>, so a test can move
    /// time instead of waiting for it.
    /// </summary>
    public static MarketplaceServer StartSqlite(TimeProvider clock, params (string Key, string? Value)[] settings)
    {
        var path = Path.Combine(Path.GetTempPath(), $"marketplace-test-{Guid.NewGuid():N}.db");
        return Start([("Database:SqlitePath", path), .. settings], clock);
    }

    /// <summary>Starts a server on a PostgreSQL database.</summary>
    public static MarketplaceServer StartPostgres(
        string connectionString,
        params (string Key, string? Value)[] settings)
    {
        return Start([("ConnectionStrings:Marketplace", connectionString), .. settings], clock: null);
    }

    /// <summary>
    /// Starts a server on a PostgreSQL database whose timers and clock are <paramref name="clock"/>, so a test
    /// can move time instead of waiting for it.
    /// </summary>
    public static MarketplaceServer StartPostgres(
        string connectionString,
        TimeProvider clock,
        params (string Key, string? Value)[] settings)
    {
        return Start([("ConnectionStrings:Marketplace", connectionString), .. settings], clock);
    }

    private static MarketplaceServer Start((string Key, string? Value)[] settings, TimeProvider? clock)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:Host"] = "127.0.0.1",
            ["Server:Port"] = "0",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var server = new MarketplaceServer(all, clock);
        server.StartServer();

        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        server.HttpAddress = new Uri(addresses.Addresses.First());
        return server;
    }

    /// <summary>Gets or sets a filter for the server errors a test provokes on purpose.</summary>
    public Func<LogEntry, bool>? ExpectedErrors { get; set; }

    /// <summary>Stops the server, failing the test when it logged an error the test did not expect.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            AssertNoUnexpectedErrors();
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    private void AssertNoUnexpectedErrors()
    {
        var errors = Logs.Entries
            .Where(entry => entry.Level >= LogLevel.Error && !(ExpectedErrors?.Invoke(entry) ?? false))
            .Select(entry => $"{entry.Category}: {entry.Message} {entry.Exception}")
            .ToList();

        Assert.True(errors.Count == 0, "The server logged errors:\n" + string.Join("\n", errors));
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Connections opening and closing are logged at Debug; tests wait for those entries.
        builder.UseSetting("Logging:LogLevel:Marketplace", "Debug");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));

        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(_clock)));
        }
    }
}

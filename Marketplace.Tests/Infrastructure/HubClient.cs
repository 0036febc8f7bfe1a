using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A SignalR .NET client of the hub that collects every <c>notification</c> it receives.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        Connection.On<JsonElement>("notification", notification => _notifications.Writer.TryWrite(notification));
    }

    /// <summary>Gets the underlying connection, for invoking hub methods.</summary>
    public HubConnection Connection { get; }

    /// <summary>Connects to the hub at <paramref name="address"/>.</summary>
    /// <param name="address">The hub's address.</param>
    /// <param name="accessToken">A token to send the SignalR way, if any.</param>
    /// <param name="keepAliveInterval">How often the client sends its keep-alive; the library's 15 s if null.</param>
    public static async Task<HubClient> ConnectAsync(
        Uri address,
        string? accessToken = null,
        TimeSpan? keepAliveInterval = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(address, options => options.AccessTokenProvider = () => Task.FromResult(accessToken))
            .Build();
        if (keepAliveInterval is { } interval)
        {
            connection.KeepAliveInterval = interval;
        }

        var client = new HubClient(connection);
        await connection.StartAsync().WaitAsync(TestTimeouts.Default);
        return client;
    }

    /// <summary>Waits for the next notification.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        return await _notifications.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
    }

    /// <summary>Invokes a hub method and returns its result as JSON.</summary>
    public Task<JsonElement> InvokeAsync(string method, params object?[] arguments) =>
        Connection.InvokeCoreAsync<JsonElement>(method, arguments).WaitAsync(TestTimeouts.Default);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marketplace.Bench.Agents;

/// <summary>
/// A SignalR subscriber with the JSON protocol over WebSockets: <c>Subscribe(channel)</c>, then every
/// <c>notification</c> counted in its tally.
/// </summary>
/// <remarks>
/// The receipt is stamped when the client library hands the notification over, after it has parsed the frame,
/// so a SignalR latency includes a little of the client's work that a legacy latency does not.
/// </remarks>
internal sealed class SignalRAgentClient : IAgentClient
{
    private readonly HubConnection _connection;
    private volatile bool _closing;

    /// <summary>Creates the client; nothing connects before <see cref="ConnectAsync"/>.</summary>
    public SignalRAgentClient(Uri hubAddress, ClientTally tally)
    {
        Tally = tally;

        // WebSockets straight away, as browsers end up: negotiation would add a request per client and nothing
        // to what is measured.
        _connection = new HubConnectionBuilder()
            .WithUrl(hubAddress, HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
            .Build();
        _connection.On<JsonElement>("notification", Receive);
        _connection.Closed += OnClosedAsync;
    }

    /// <inheritdoc />
    public ClientTally Tally { get; }

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _connection.StartAsync(cancellationToken);
        await _connection.InvokeAsync<JsonElement>("Subscribe", Tally.Channel, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _connection.DisposeAsync();
    }

    private void Receive(JsonElement notification)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        var stamps = StampedPayload.FromNotification(notification, Tally.Channel, out var onChannel);
        Tally.Record(stamps, onChannel, receivedAt);
    }

    private Task OnClosedAsync(Exception? exception)
    {
        if (!_closing)
        {
            Tally.Fail(exception is null ? "closed by the server" : $"closed: {exception.Message}");
        }

        return Task.CompletedTask;
    }
}

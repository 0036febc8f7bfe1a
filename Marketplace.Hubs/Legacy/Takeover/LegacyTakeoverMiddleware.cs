using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// Serves legacy WebSocket clients below Kestrel's HTTP layer. A connection whose first bytes are a legacy
/// upgrade request is shown to the HTTP pipeline with that request alone; once the pipeline has accepted the
/// upgrade and sent its response, the HTTP layer lets go and the socket runs on the connection itself.
/// </summary>
/// <remarks>
/// The HTTP pipeline keeps every decision: origin, connection limits, tokens, routing. What it no longer holds is
/// a request that lasts as long as the connection, with its headers, streams and timers, about 6 KB of a
/// legacy client's memory. Other connections, and legacy upgrades after another request on the same
/// connection, are served by HTTP as they always were.
/// </remarks>
internal sealed class LegacyTakeoverMiddleware(
    LegacyHandoffs handoffs,
    LegacyWebSocketHandler handler,
    IOptions<LegacyOptions> options,
    ILogger<LegacyTakeoverMiddleware> logger)
{
    // The longest delay a CancellationTokenSource's timer takes; a keep-alive timeout beyond it never ends.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// Puts the middleware in front of <paramref name="next"/>, unless <see cref="LegacyOptions.ServeBelowHttp"/>
    /// is off.
    /// </summary>
    /// <param name="next">The endpoint's HTTP layer.</param>
    /// <param name="limits">The endpoint's limits, read as each connection opens.</param>
    /// <remarks>Called as Kestrel binds, after the options have been validated.</remarks>
    public ConnectionDelegate Wrap(ConnectionDelegate next, KestrelServerLimits limits) =>
        options.Value.ServeBelowHttp ? connection => OnConnectionAsync(connection, next, limits) : next;

    // Every connection passes here, SignalR's too, and lives for hours: what it keeps is the small promise that
    // Unwrap makes, not a frame of this middleware's.
    private Task OnConnectionAsync(
        ConnectionContext connection, ConnectionDelegate next, KestrelServerLimits limits) =>
        DispatchAsync(connection, next, limits.KeepAliveTimeout).Unwrap();

    // Returns the task that serves the connection from here on; this frame ends as soon as that task is known.
    private async Task<Task> DispatchAsync(
        ConnectionContext connection, ConnectionDelegate next, TimeSpan keepAliveTimeout)
    {
        // When the server stops, Kestrel asks every connection to close; HTTP closes one that is still waiting for
        // its first request at once, so this read must too, or the stop would wait for it until its timeout.
        var stopping = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            ?? CancellationToken.None;
        var (close, head) = await ReadHeadAsync(connection.Transport.Input, keepAliveTimeout, stopping);
        if (close)
        {
            // Ending here closes the connection as HTTP would have: gracefully, the client sees its end.
            if (!stopping.IsCancellationRequested)
            {
                LegacyLog.SilentConnectionClosed(logger, connection.ConnectionId, keepAliveTimeout);
            }

            return Task.CompletedTask;
        }

        if (head is null)
        {
            return next(connection);
        }

        var handoff = await HandshakeAsync(connection, next, head);
        return handoff is null ? Task.CompletedTask : handler.ServeAsync(connection, handoff);
    }

    // The head is looked at in the first read only: one that arrives in pieces is left to HTTP, which would find
    // the bytes already examined otherwise. HTTP closes a connection that sends nothing within its keep-alive
    // timeout; this read comes before HTTP's, so it keeps the same limit, or a silent connection would stay open.
    private static async ValueTask<(bool Close, byte[]? Head)> ReadHeadAsync(
        PipeReader input, TimeSpan keepAliveTimeout, CancellationToken stopping)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (keepAliveTimeout != Timeout.InfiniteTimeSpan && keepAliveTimeout <= LongestTimer)
        {
            silence.CancelAfter(keepAliveTimeout);
        }

        ReadResult result;
        try
        {
            result = await input.ReadAsync(silence.Token);
        }
        catch (OperationCanceledException) when (silence.IsCancellationRequested)
        {
            return (true, null);
        }
        catch (Exception exception) when (exception is IOException or ConnectionAbortedException)
        {
            // The client went away, or Kestrel dropped the connection; HTTP meets the same error and ends it quietly.
            return (false, null);
        }

        var buffer = result.Buffer;
        var head = result.IsCompleted || result.IsCanceled ? null : UpgradeHead.Find(buffer);

        input.AdvanceTo(head is null ? buffer.Start : buffer.GetPosition(head.Length));
        return (false, head);
    }

    // Runs the HTTP pipeline on the head alone; returns what it handed over, or null when it answered otherwise.
    private async Task<LegacyHandoff?> HandshakeAsync(
        ConnectionContext connection, ConnectionDelegate next, byte[] head)
    {
        var handshake = new HandshakeConnection(connection, head);
        var handoff = handoffs.Open(connection.ConnectionId);
        try
        {
            await next(handshake);
        }
        finally
        {
            handoffs.Close(connection.ConnectionId);
        }

        if (handoff.Client is null)
        {
            return null;
        }

        if (handshake.Aborted)
        {
            handoff.Client.Slot?.Release();
            return null;
        }

        return handoff;
    }
}

namespace Marketplace.Bench.Agents.Epoll;

/// <summary>What a <see cref="WebSocketFrameReader"/> hands over as frames complete.</summary>
internal interface IWebSocketFrameSink
{
    /// <summary>A whole data message, its fragments joined; valid only during the call.</summary>
    void OnMessage(ReadOnlySpan<byte> message);

    /// <summary>A ping, which the client answers with a pong carrying the same bytes.</summary>
    void OnPing(ReadOnlySpan<byte> payload);

    /// <summary>The server's close frame: a two-byte status and a reason, or nothing.</summary>
    void OnClose(ReadOnlySpan<byte> payload);
}

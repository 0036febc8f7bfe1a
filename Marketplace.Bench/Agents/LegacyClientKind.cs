namespace Marketplace.Bench.Agents;

/// <summary>Which implementation an agent's legacy WebSocket subscribers use.</summary>
internal enum LegacyClientKind
{
    /// <summary><see cref="System.Net.WebSockets.ClientWebSocket"/>, each client with its own receive loop.</summary>
    WebSocket,

    /// <summary>Bare sockets that one thread per agent waits on with <c>epoll</c> (<c>Agents/Epoll</c>).</summary>
    Epoll,
}

using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Marketplace.Bench.Floor;

/// <summary>The WebSockets subscribed to each channel: the least state a subscription needs.</summary>
internal sealed class FloorChannels
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<WebSocket, byte>> _members =
        new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="socket"/> to <paramref name="channel"/>.</summary>
    public void Join(string channel, WebSocket socket) =>
        _members.GetOrAdd(channel, static _ => new ConcurrentDictionary<WebSocket, byte>())[socket] = 0;

    /// <summary>Removes <paramref name="socket"/> from <paramref name="channel"/>.</summary>
    public void Leave(string channel, WebSocket socket)
    {
        if (_members.TryGetValue(channel, out var members))
        {
            members.TryRemove(socket, out _);
        }
    }
}

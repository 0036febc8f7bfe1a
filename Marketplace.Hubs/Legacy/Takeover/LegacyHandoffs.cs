using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// The legacy upgrade requests being served by the HTTP pipeline on behalf of
/// <see cref="LegacyTakeoverMiddleware"/>, by connection id, so the legacy endpoint can tell them from upgrades
/// that HTTP serves for the life of the connection.
/// </summary>
internal sealed class LegacyHandoffs
{
    private readonly ConcurrentDictionary<string, LegacyHandoff> _pending = new(StringComparer.Ordinal);

    /// <summary>Starts waiting for the HTTP pipeline's answer on <paramref name="connectionId"/>.</summary>
    public LegacyHandoff Open(string connectionId)
    {
        var handoff = new LegacyHandoff();
        _pending[connectionId] = handoff;
        return handoff;
    }

    /// <summary>Stops waiting on <paramref name="connectionId"/>.</summary>
    public void Close(string connectionId) => _pending.TryRemove(connectionId, out _);

    /// <summary>Finds the handoff of the connection that carries <paramref name="context"/>, if it has one.</summary>
    public LegacyHandoff? Find(HttpContext context) =>
        !_pending.IsEmpty
        && context.Features.Get<IHttpConnectionFeature>()?.ConnectionId is { } id
        && _pending.TryGetValue(id, out var handoff)
            ? handoff
            : null;
}

using System.Collections.Concurrent;
using Marketplace.Hubs.Legacy;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Delivery;

/// <summary>
/// Keeps the hub's connections and channels on this node and delivers to them through each connection's
/// <see cref="ConnectionOutbox"/>: a message is serialised once per protocol for all its recipients, a publisher
/// never waits for a slow reader, and a reader that falls too far behind is closed.
/// </summary>
/// <remarks>
/// It replaces SignalR's default manager, whose sends wait for every recipient's transport and let the writes
/// of a client that stopped reading pile up without bound.
/// </remarks>
/// <typeparam name="THub">The hub.</typeparam>
internal sealed class DeliveryLifetimeManager<THub> : HubLifetimeManager<THub>, IChannelMembership, IKeepAliveRounds
    where THub : Hub
{
    private static readonly SerializedHubMessage KeepAlive = new(PingMessage.Instance);

    private readonly ConcurrentDictionary<string, ConnectionOutbox> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ConnectionOutbox>> _groups =
        new(StringComparer.Ordinal);

    // Membership changes are rare next to sends; one lock keeps groups and each connection's list in step,
    // while sends read the dictionaries without it.
    private readonly Lock _membership = new();
    private readonly long _maxQueuedBytes;
    private readonly ILogger _logger;
    private int _keepAliveSequence;

    /// <summary>Initializes a new instance of the <see cref="DeliveryLifetimeManager{THub}"/> class.</summary>
    public DeliveryLifetimeManager(IOptions<DeliveryOptions> options, ILogger<DeliveryLifetimeManager<THub>> logger)
    {
        _maxQueuedBytes = options.Value.MaxQueuedBytes;
        _logger = logger;
    }

    /// <inheritdoc />
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        _connections[connection.ConnectionId] = connection.Features.Get<LegacySender>() is { } sender
            ? new LegacyConnectionOutbox(connection, sender, _logger)
            : new HubConnectionOutbox(connection, _maxQueuedBytes, _logger)
            {
                KeepAliveSequence = NextKeepAliveSequence(connection),
            };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        if (!_connections.TryRemove(connection.ConnectionId, out var outbox))
        {
            return Task.CompletedTask;
        }

        outbox.Close();
        lock (_membership)
        {
            foreach (var group in outbox.Channels.Clear())
            {
                Leave(group, outbox);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task AddToGroupAsync(
        string connectionId,
        string groupName,
        CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            lock (_membership)
            {
                _groups.GetOrAdd(groupName, _ => new(StringComparer.Ordinal))[connectionId] = outbox;
                outbox.Channels.Add(groupName);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task RemoveFromGroupAsync(
        string connectionId,
        string groupName,
        CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            lock (_membership)
            {
                Leave(groupName, outbox);
                outbox.Channels.Remove(groupName);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public int CountChannels(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var outbox))
        {
            return 0;
        }

        lock (_membership)
        {
            return outbox.Channels.Count;
        }
    }

    /// <inheritdoc />
    public bool IsMember(string connectionId, string channel)
    {
        if (!_connections.TryGetValue(connectionId, out var outbox))
        {
            return false;
        }

        lock (_membership)
        {
            return outbox.Channels.Contains(channel);
        }
    }

    /// <inheritdoc />
    public void Ping(int round, int rounds)
    {
        foreach (var (_, outbox) in _connections)
        {
            if (outbox is HubConnectionOutbox { KeepAliveSequence: >= 0 } hub
                && hub.KeepAliveSequence % rounds == round)
            {
                hub.Ping(KeepAlive);
            }
        }
    }

    /// <inheritdoc />
    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        foreach (var (_, outbox) in _connections)
        {
            outbox.Enqueue(message);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendAllExceptAsync(
        string methodName,
        object?[] args,
        IReadOnlyList<string> excludedConnectionIds,
        CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        foreach (var (id, outbox) in _connections)
        {
            if (!excludedConnectionIds.Contains(id))
            {
                outbox.Enqueue(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendConnectionAsync(
        string connectionId,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            outbox.Enqueue(Serialize(methodName, args));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendConnectionsAsync(
        IReadOnlyList<string> connectionIds,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        foreach (var id in connectionIds)
        {
            if (_connections.TryGetValue(id, out var outbox))
            {
                outbox.Enqueue(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendGroupAsync(
        string groupName,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        return SendGroupExceptAsync(groupName, methodName, args, [], cancellationToken);
    }

    /// <inheritdoc />
    public override Task SendGroupsAsync(
        IReadOnlyList<string> groupNames,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        // A connection in several of the groups gets the message once.
        var message = Serialize(methodName, args);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var groupName in groupNames)
        {
            if (!_groups.TryGetValue(groupName, out var members))
            {
                continue;
            }

            foreach (var (id, outbox) in members)
            {
                if (sent.Add(id))
                {
                    outbox.Enqueue(message);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendGroupExceptAsync(
        string groupName,
        string methodName,
        object?[] args,
        IReadOnlyList<string> excludedConnectionIds,
        CancellationToken cancellationToken = default)
    {
        if (!_groups.TryGetValue(groupName, out var members) || members.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var message = Serialize(methodName, args);
        foreach (var (id, outbox) in members)
        {
            if (excludedConnectionIds.Count == 0 || !excludedConnectionIds.Contains(id))
            {
                outbox.Enqueue(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendUserAsync(
        string userId,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        return SendUsersAsync([userId], methodName, args, cancellationToken);
    }

    /// <inheritdoc />
    public override Task SendUsersAsync(
        IReadOnlyList<string> userIds,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        foreach (var (_, outbox) in _connections)
        {
            if (outbox.Connection.UserIdentifier is { } user && userIds.Contains(user))
            {
                outbox.Enqueue(message);
            }
        }

        return Task.CompletedTask;
    }

    // One serialisation per protocol for every recipient: the message caches each protocol's bytes.
    private static SerializedHubMessage Serialize(string methodName, object?[] args) =>
        new(new InvocationMessage(methodName, args));

    // Long polling answers every poll, which keeps it alive; other transports take turns in the keep-alive rounds.
    private int NextKeepAliveSequence(HubConnectionContext connection) =>
        connection.Features.Get<IConnectionInherentKeepAliveFeature>()?.HasInherentKeepAlive == true
            ? -1
            : Interlocked.Increment(ref _keepAliveSequence) & int.MaxValue;

    private void Leave(string groupName, ConnectionOutbox outbox)
    {
        if (_groups.TryGetValue(groupName, out var members)
            && members.TryRemove(outbox.Connection.ConnectionId, out _)
            && members.IsEmpty)
        {
            _groups.TryRemove(groupName, out _);
        }
    }
}

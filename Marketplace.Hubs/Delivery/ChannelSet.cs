namespace Marketplace.Hubs.Delivery;

/// <summary>
/// The channels one connection belongs to. Most connections belong to one: it is kept in a field, and a set is
/// made only when a second one comes, which spares about 170 bytes for each such connection.
/// </summary>
/// <remarks>
/// A mutable struct, so that it lives inside its connection's outbox; use it only through a field or a
/// <see langword="ref"/> to one. Not thread-safe: the lifetime manager guards it.
/// </remarks>
internal struct ChannelSet
{
    private string? _first;
    private HashSet<string>? _others;

    /// <summary>Gets how many channels there are.</summary>
    public readonly int Count => (_first is null ? 0 : 1) + (_others?.Count ?? 0);

    /// <summary>Returns whether <paramref name="channel"/> is one of them.</summary>
    public readonly bool Contains(string channel) =>
        string.Equals(_first, channel, StringComparison.Ordinal) || _others?.Contains(channel) == true;

    /// <summary>Adds <paramref name="channel"/>; adding one already there changes nothing.</summary>
    public void Add(string channel)
    {
        if (Contains(channel))
        {
            return;
        }

        if (_first is null)
        {
            _first = channel;
            return;
        }

        (_others ??= new HashSet<string>(StringComparer.Ordinal)).Add(channel);
    }

    /// <summary>Removes <paramref name="channel"/> if it is there.</summary>
    public void Remove(string channel)
    {
        if (string.Equals(_first, channel, StringComparison.Ordinal))
        {
            _first = null;
            return;
        }

        _others?.Remove(channel);
    }

    /// <summary>Removes every channel and returns them.</summary>
    public string[] Clear()
    {
        var channels = new string[Count];
        var next = 0;
        if (_first is not null)
        {
            channels[next++] = _first;
        }

        _others?.CopyTo(channels, next);

        _first = null;
        _others = null;
        return channels;
    }
}

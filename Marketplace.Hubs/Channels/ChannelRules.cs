using System.Text.RegularExpressions;
using Marketplace.Hubs.Realtime;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Channels;

/// <summary>
/// Decides which channel names are valid and where clients may publish.
/// </summary>
internal sealed class ChannelRules
{
    private readonly ChannelOptions _options;
    private readonly Regex _pattern;
    private readonly HashSet<string> _serverOnly;

    /// <summary>Initializes a new instance of the <see cref="ChannelRules"/> class.</summary>
    public ChannelRules(IOptions<ChannelOptions> options)
    {
        _options = options.Value;
        _pattern = ChannelOptions.CreateNameRegex(_options.NamePattern);
        _serverOnly = new HashSet<string>(_options.ServerOnly, StringComparer.Ordinal);
    }

    /// <summary>Returns the channel name when it is valid; otherwise throws an <c>invalid_channel</c> error.</summary>
    public string EnsureValid(string? channel)
    {
        if (string.IsNullOrEmpty(channel))
        {
            throw ClientErrors.Create(
                ErrorCodes.InvalidChannel,
                "Name a channel: 'channel' must be a non-empty string.");
        }

        if (channel.Length > _options.MaxNameLength)
        {
            throw ClientErrors.Create(
                ErrorCodes.InvalidChannel,
                $"Channel names are at most {_options.MaxNameLength} characters long; this one has {channel.Length}.");
        }

        if (!_pattern.IsMatch(channel))
        {
            throw ClientErrors.Create(
                ErrorCodes.InvalidChannel,
                "Channel names may hold letters, digits and _ - . : @ / only.");
        }

        return channel;
    }

    /// <summary>
    /// Throws a <c>forbidden</c> error when a connection already subscribed to <paramref name="subscribed"/>
    /// channels may not subscribe to one more.
    /// </summary>
    public void EnsureRoomForSubscription(int subscribed)
    {
        if (subscribed >= _options.MaxSubscriptionsPerConnection)
        {
            throw ClientErrors.Create(
                ErrorCodes.Forbidden,
                $"A connection may be subscribed to at most {_options.MaxSubscriptionsPerConnection} channels; " +
                "unsubscribe from one first.");
        }
    }

    /// <summary>Throws a <c>forbidden</c> error when clients may not publish to <paramref name="channel"/>.</summary>
    public void EnsureClientsMayPublish(string channel)
    {
        if (_serverOnly.Contains(channel))
        {
            throw ClientErrors.Create(
                ErrorCodes.Forbidden,
                $"Only the server publishes to channel '{channel}'; subscribe to it instead.");
        }
    }
}

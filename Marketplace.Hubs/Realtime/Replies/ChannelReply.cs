using System.Text.Json.Serialization;

namespace Marketplace.Hubs.Realtime.Replies;

/// <summary>
/// The reply to a request about one channel: <c>subscribed</c>, <c>unsubscribed</c> or <c>notify_ack</c>.
/// </summary>
/// <param name="Type">The reply type.</param>
/// <param name="Channel">The channel the request named.</param>
public sealed record ChannelReply(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("channel")] string Channel)
{
    /// <summary>Creates the reply to <c>subscribe</c>.</summary>
    public static ChannelReply Subscribed(string channel) => new("subscribed", channel);

    /// <summary>Creates the reply to <c>unsubscribe</c>.</summary>
    public static ChannelReply Unsubscribed(string channel) => new("unsubscribed", channel);

    /// <summary>Creates the reply to <c>notify</c>.</summary>
    public static ChannelReply NotifyAck(string channel) => new("notify_ack", channel);
}

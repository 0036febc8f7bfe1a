using System.Text.Json.Serialization;

namespace Marketplace.Hubs.Realtime;

/// <summary>
/// What every member of a channel receives, through the <c>notification</c> client method or as a legacy frame.
/// </summary>
/// <param name="Channel">The channel the message was published to.</param>
/// <param name="Payload">The message; any JSON value, or an object the server serialises.</param>
public sealed record ChannelNotification(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("payload")] object? Payload)
{
    /// <summary>The client method that carries channel messages.</summary>
    public const string Method = "notification";

    /// <summary>Gets the message type.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "notification";
}

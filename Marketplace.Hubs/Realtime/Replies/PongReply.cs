using System.Text.Json.Serialization;

namespace Marketplace.Hubs.Realtime.Replies;

/// <summary>The reply to <c>ping</c>: <c>{"type":"pong"}</c>.</summary>
public sealed record PongReply
{
    /// <summary>Gets the one instance; the reply carries no data.</summary>
    public static PongReply Instance { get; } = new();

    /// <summary>Gets the reply type.</summary>
    [JsonPropertyName("type")]
    public string Type => "pong";
}

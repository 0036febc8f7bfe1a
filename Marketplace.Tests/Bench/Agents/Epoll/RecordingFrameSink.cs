using System.Text;
using Marketplace.Bench.Agents.Epoll;

namespace Marketplace.Tests.Bench.Agents.Epoll;

/// <summary>Writes down every frame a <see cref="WebSocketFrameReader"/> hands over, in order.</summary>
internal sealed class RecordingFrameSink : IWebSocketFrameSink
{
    /// <summary>Gets what arrived: <c>message:</c>, <c>ping:</c> or <c>close:</c>, then the bytes as text.</summary>
    public List<string> Frames { get; } = [];

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> message) => Frames.Add($"message:{Encoding.UTF8.GetString(message)}");

    /// <inheritdoc />
    public void OnPing(ReadOnlySpan<byte> payload) => Frames.Add($"ping:{Encoding.UTF8.GetString(payload)}");

    /// <inheritdoc />
    public void OnClose(ReadOnlySpan<byte> payload) => Frames.Add($"close:{Convert.ToHexString(payload)}");
}

using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Marketplace.Hubs.Protocols;

/// <summary>
/// Wraps a hub protocol so that every error completion it writes starts with an error code.
/// </summary>
/// <param name="inner">The protocol that reads and writes the wire format.</param>
internal sealed class CodedErrorHubProtocol(IHubProtocol inner) : IHubProtocol
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public int Version => inner.Version;

    /// <inheritdoc />
    public TransferFormat TransferFormat => inner.TransferFormat;

    /// <inheritdoc />
    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    /// <inheritdoc />
    public bool TryParseMessage(
        ref ReadOnlySequence<byte> input,
        IInvocationBinder binder,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        return inner.TryParseMessage(ref input, binder, out message);
    }

    /// <inheritdoc />
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) =>
        inner.WriteMessage(Normalize(message), output);

    /// <inheritdoc />
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Normalize(message));

    private static HubMessage Normalize(HubMessage message)
    {
        if (message is not CompletionMessage { Error: { } error, InvocationId: { } invocationId } completion)
        {
            return message;
        }

        return new CompletionMessage(invocationId, HubErrorText.Normalize(error), result: null, hasResult: false)
        {
            Headers = completion.Headers,
        };
    }
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Marketplace.Hubs.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The predecessor's JSON frames as a SignalR hub protocol, so legacy sockets are ordinary hub connections:
/// groups, <c>IHubContext</c> and any scale-out backplane reach them with no code of their own.
/// </summary>
/// <remarks>
/// Requests become invocations (see <see cref="LegacyRequestReader"/>); completions become the action's reply
/// with the request's <c>id</c>, or an error frame; a single-argument server call such as
/// <c>notification</c> becomes its argument. SignalR's pings and close messages have no legacy form and
/// write nothing. Every node of a scale-out must register this protocol, as the backplane serialises a
/// message once for each protocol registered.
/// </remarks>
internal sealed class LegacyHubProtocol(IOptions<LegacyOptions> options) : IHubProtocol
{
    /// <summary>The protocol name the shim asks for in its handshake.</summary>
    public const string ProtocolName = "marketplace-legacy";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = LegacyJson.Write.Encoder,
        SkipValidation = true,
    };

    /// <inheritdoc />
    public string Name => ProtocolName;

    /// <inheritdoc />
    public int Version => 1;

    /// <summary>
    /// Gets no transfer format at all: this protocol travels only over the shim's own framing, never over a
    /// SignalR transport. SignalR refuses a protocol whose format its transport lacks, so a client that asks for
    /// this one at <c>/hubs/marketplace</c> is turned away at the handshake; the shim's connection declares no
    /// formats and is not checked.
    /// </summary>
    public TransferFormat TransferFormat => default;

    /// <inheritdoc />
    public bool IsVersionSupported(int version) => version == Version;

    /// <inheritdoc />
    public bool TryParseMessage(
        ref ReadOnlySequence<byte> input,
        IInvocationBinder binder,
        [NotNullWhen(true)] out HubMessage? message)
    {
        if (!LegacyRecord.TryReadIncoming(ref input, out var kind, out var frame))
        {
            message = null;
            return false;
        }

        message = kind == LegacyRecordKind.Oversized
            ? LegacyRequestReader.Oversized(options.Value.MaxFrameBytes)
            : LegacyRequestReader.Read(frame, binder, options.Value.MaxJsonDepth);
        return true;
    }

    /// <inheritdoc />
    /// <remarks>Each message is written as a whole WebSocket frame, ready for the socket.</remarks>
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        if (message is not (InvocationMessage or CompletionMessage))
        {
            return;
        }

        var payload = LegacyFrameWriter.RentPayload();
        if (message is InvocationMessage invocation)
        {
            WriteInvocation(invocation, payload);
        }
        else
        {
            WriteCompletion((CompletionMessage)message, payload);
        }

        LegacyFrameWriter.WriteTextFrame(payload, output);
    }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) =>
        HubProtocolExtensions.GetMessageBytes(this, message);

    private static void WriteInvocation(InvocationMessage invocation, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);

        // A channel message is sent as its one argument, exactly the object PROTOCOL.md shows.
        if (invocation.Arguments is [{ } single])
        {
            JsonSerializer.Serialize(writer, single, single.GetType(), LegacyJson.Write);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", invocation.Target);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, invocation.Arguments, LegacyJson.Write);
        writer.WriteEndObject();
    }

    private static void WriteCompletion(CompletionMessage completion, IBufferWriter<byte> output)
    {
        LegacyInvocationId.Parse(completion.InvocationId ?? string.Empty, out var actionJson, out var rawId);

        if (completion.Error is { } error)
        {
            WriteError(error, actionJson, rawId, output);
            return;
        }

        var result = completion.HasResult ? completion.Result : null;
        var json = result is null
            ? """{"type":"ok"}"""u8.ToArray()
            : JsonSerializer.SerializeToUtf8Bytes(result, result.GetType(), LegacyJson.Write);

        if (rawId.IsEmpty)
        {
            output.Write(json);
            return;
        }

        WriteWithId(json, rawId, output);
    }

    // Replies are JSON objects (every hub method returns a reply record), so the id goes in before the
    // closing brace.
    private static void WriteWithId(byte[] json, ReadOnlySpan<char> rawId, IBufferWriter<byte> output)
    {
        output.Write(json.AsSpan(0, json.Length - 1));
        output.Write(json.Length > 2 ? ",\"id\":"u8 : "\"id\":"u8);
        Encoding.UTF8.GetBytes(rawId, output);
        output.Write("}"u8);
    }

    private static void WriteError(
        string error,
        ReadOnlySpan<char> actionJson,
        ReadOnlySpan<char> rawId,
        IBufferWriter<byte> output)
    {
        // Errors reach here already coded (CodedErrorHubProtocol wraps this protocol); anything else is
        // a server fault whose text must not leak.
        if (!ClientErrors.TryParse(error, out var code, out var message))
        {
            message = "Something went wrong on the server; it has been logged.";
        }

        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        writer.WriteString("error", code);
        writer.WriteString("message", message);

        if (!actionJson.IsEmpty)
        {
            writer.WritePropertyName("action");
            writer.WriteRawValue(actionJson, skipInputValidation: true);
        }

        if (!rawId.IsEmpty)
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(rawId, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Marketplace.Hubs.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Turns one legacy request frame into a hub invocation, or into a binding failure that carries the error the
/// client must see.
/// </summary>
/// <remarks>
/// A failure travels as an <see cref="InvocationBindingFailureMessage"/> so that its reply goes through the
/// hub's own completion path, in order with every other reply of the connection.
/// </remarks>
internal static class LegacyRequestReader
{
    private static readonly JsonElement JsonNull = JsonElement.Parse("null");
    private static readonly ConcurrentDictionary<Type, object?> Defaults = new();

    /// <summary>Reads a request frame.</summary>
    public static HubMessage Read(ReadOnlySequence<byte> frame, IInvocationBinder binder, int maxDepth)
    {
        JsonElement request;
        try
        {
            request = ParseSingleValue(frame, maxDepth);
        }
        catch (JsonException exception)
        {
            var where = exception.BytePositionInLine is { } position ? $" near byte {position + 1}" : string.Empty;
            return Failure(null, null, ErrorCodes.InvalidJson, $"The frame is not valid JSON{where}.");
        }

        if (request.ValueKind != JsonValueKind.Object)
        {
            return Failure(null, null, ErrorCodes.InvalidRequest, "A request must be a JSON object with an 'action'.");
        }

        string? rawId = null;
        if (request.TryGetProperty("id", out var id))
        {
            if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return Failure(null, null, ErrorCodes.InvalidRequest, "'id' must be a string or a number.");
            }

            rawId = id.GetRawText();
        }

        if (!request.TryGetProperty("action", out var actionMember))
        {
            return Failure(null, rawId, ErrorCodes.InvalidRequest, "The request has no 'action'.");
        }

        if (actionMember.ValueKind != JsonValueKind.String)
        {
            return Failure(null, rawId, ErrorCodes.InvalidRequest, "'action' must be a string.");
        }

        var actionName = actionMember.GetString()!;
        if (!LegacyAction.All.TryGetValue(actionName, out var action))
        {
            var known = string.Join(", ", LegacyAction.All.Keys.Order(StringComparer.Ordinal));
            return Failure(
                actionName, rawId, ErrorCodes.UnknownAction, $"Unknown action '{actionName}'. Known: {known}.");
        }

        var invocationId = LegacyInvocationId.Create(actionName, rawId);
        try
        {
            var arguments = BindArguments(request, action, binder);
            return new InvocationMessage(invocationId, action.Target, arguments);
        }
        catch (HubException refusal)
        {
            return new InvocationBindingFailureMessage(
                invocationId, action.Target, ExceptionDispatchInfo.Capture(refusal));
        }
    }

    /// <summary>Builds the failure reported when a client message was over the size limit.</summary>
    public static HubMessage Oversized(int maxFrameBytes) =>
        Failure(
            null,
            null,
            ErrorCodes.MessageTooLarge,
            $"Frames are limited to {maxFrameBytes} bytes; this one was dropped.");

    private static JsonElement ParseSingleValue(ReadOnlySequence<byte> frame, int maxDepth)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = maxDepth });
        var value = JsonElement.ParseValue(ref reader);

        // ParseValue stops after the first value; anything but white space after it is not one JSON value.
        if (reader.Read())
        {
            throw new JsonException("More than one JSON value.", null, null, reader.BytesConsumed);
        }

        return value;
    }

    private static object?[] BindArguments(JsonElement request, LegacyAction action, IInvocationBinder binder)
    {
        var types = binder.GetParameterTypes(action.Target);
        var arguments = new object?[types.Count];

        for (var i = 0; i < arguments.Length; i++)
        {
            var name = action.Arguments[i];
            var type = types[i];

            arguments[i] = request.TryGetProperty(name, out var member)
                ? Convert(member, name, type)
                : DefaultOf(type);
        }

        return arguments;
    }

    private static object? Convert(JsonElement member, string name, Type type)
    {
        if (type == typeof(JsonElement))
        {
            return member;
        }

        try
        {
            return member.Deserialize(type, LegacyJson.Read);
        }
        catch (JsonException)
        {
            throw ClientErrors.Create(ErrorCodes.InvalidRequest, $"'{name}' must be {Describe(type)}.");
        }
    }

    // A member left out binds like JSON null: reference types and nullables get null, numbers zero.
    private static object? DefaultOf(Type type)
    {
        if (type == typeof(JsonElement))
        {
            return JsonNull;
        }

        return type.IsValueType ? Defaults.GetOrAdd(type, Activator.CreateInstance) : null;
    }

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return "a whole number";
        }

        return underlying == typeof(string) ? "a string" : $"of type {underlying.Name}";
    }

    private static InvocationBindingFailureMessage Failure(string? action, string? rawId, string code, string message)
    {
        var refusal = ClientErrors.Create(code, message);
        return new InvocationBindingFailureMessage(
            LegacyInvocationId.Create(action, rawId),
            action ?? "(none)",
            ExceptionDispatchInfo.Capture(refusal));
    }
}

using Marketplace.Hubs.Realtime;

namespace Marketplace.Hubs.Protocols;

/// <summary>
/// Rewrites the error text SignalR puts in a completion so that it starts with the error code.
/// </summary>
/// <remarks>
/// SignalR prefixes a hub method's <c>HubException</c> message with "An unexpected error occurred invoking
/// 'X' on the server. HubException: ", and reports argument binding failures without any code. PROTOCOL.md
/// promises clients a message that starts with the code, so the text is normalised before it is written.
/// </remarks>
internal static class HubErrorText
{
    private const string HubExceptionMarker = "HubException: ";

    /// <summary>Returns <paramref name="error"/> as <c>"code: sentence"</c>.</summary>
    public static string Normalize(string error)
    {
        if (ClientErrors.TryParse(error, out _, out _))
        {
            return error;
        }

        var marker = error.IndexOf(HubExceptionMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            return NormalizeHubException(error[(marker + HubExceptionMarker.Length)..]);
        }

        // Without a HubException SignalR hides the cause; binding failures are the caller's arguments.
        if (error.StartsWith("Failed to invoke", StringComparison.Ordinal))
        {
            return $"{ErrorCodes.InvalidRequest}: The arguments do not match the method's parameters.";
        }

        return $"{ErrorCodes.InternalError}: Something went wrong on the server; it has been logged.";
    }

    private static string NormalizeHubException(string message)
    {
        if (ClientErrors.TryParse(message, out _, out _))
        {
            return message;
        }

        if (message.StartsWith("Unknown hub method", StringComparison.Ordinal) ||
            message.StartsWith("Method does not exist", StringComparison.Ordinal))
        {
            return $"{ErrorCodes.UnknownAction}: {message}";
        }

        return $"{ErrorCodes.InvalidRequest}: {message}";
    }
}

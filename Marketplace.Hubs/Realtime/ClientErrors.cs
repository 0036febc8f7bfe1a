using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Hubs.Realtime;

/// <summary>
/// Builds the hub errors clients see: a <see cref="HubException"/> whose message is <c>"code: sentence"</c>.
/// </summary>
/// <remarks>
/// Only a <see cref="HubException"/>'s text crosses to a client, so this is the one way a reason leaves the
/// server; everything else becomes <see cref="ErrorCodes.InternalError"/>.
/// </remarks>
public static class ClientErrors
{
    /// <summary>Creates the error for <paramref name="code"/> with a sentence a person can act on.</summary>
    public static HubException Create(string code, string message) => new($"{code}: {message}");

    /// <summary>Splits a coded message into its code and sentence; false when it carries no known code.</summary>
    public static bool TryParse(string text, out string code, out string message)
    {
        ArgumentNullException.ThrowIfNull(text);

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && ErrorCodes.All.Contains(text[..colon]))
        {
            code = text[..colon];
            message = text[(colon + 1)..].TrimStart();
            return true;
        }

        code = ErrorCodes.InternalError;
        message = text;
        return false;
    }
}

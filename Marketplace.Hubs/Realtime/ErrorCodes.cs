namespace Marketplace.Hubs.Realtime;

/// <summary>
/// The error codes of PROTOCOL.md. Every failure a client sees starts with one of them.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The frame is not JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>Not an object, no <c>action</c>, or a member of the wrong type.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The <c>action</c> names nothing the server knows.</summary>
    public const string UnknownAction = "unknown_action";

    /// <summary>The channel name breaks the server's rules.</summary>
    public const string InvalidChannel = "invalid_channel";

    /// <summary>A product field is missing or out of range.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>The caller may not do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Too many requests; the message says when to retry.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The frame exceeds the configured limit.</summary>
    public const string MessageTooLarge = "message_too_large";

    /// <summary>The database cannot be reached right now.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Anything else; details go to the server log only.</summary>
    public const string InternalError = "internal_error";

    /// <summary>Gets every code, for recognising a coded message.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InvalidJson, InvalidRequest, UnknownAction, InvalidChannel, ValidationFailed,
        Forbidden, RateLimited, MessageTooLarge, Unavailable, InternalError,
    ];
}

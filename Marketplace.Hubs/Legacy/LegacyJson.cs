using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The JSON settings of the legacy protocol.
/// </summary>
internal static class LegacyJson
{
    // Requests are parsed with the configured depth first (LegacyOptions.MaxJsonDepth); reading their members
    // again must not refuse what that parse accepted.
    private const int MemberDepth = 1000;

    /// <summary>
    /// Gets the settings for frames sent: member names as declared, accents written as they are (frames
    /// never land in HTML, where the stricter escaping matters).
    /// </summary>
    public static JsonSerializerOptions Write { get; } = new(JsonSerializerDefaults.General)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Gets the settings for request members: strict types, so "10" is not a number.</summary>
    public static JsonSerializerOptions Read { get; } = new(JsonSerializerDefaults.General)
    {
        MaxDepth = MemberDepth,
    };
}

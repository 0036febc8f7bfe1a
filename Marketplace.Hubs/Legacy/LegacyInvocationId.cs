using System.Text.Json;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Carries what a reply must echo (the request's <c>action</c> and <c>id</c>) through SignalR's invocation id,
/// the one value the hub pipeline hands back unchanged with every completion.
/// </summary>
/// <remarks>
/// The id is <c>action + US + id</c>: the action as a JSON string (or nothing) and the id's raw JSON text
/// (or nothing). JSON text never holds a raw unit separator (US), so the split is unambiguous. Every request
/// gets an id, even one that carried none, so that every request gets its reply.
/// </remarks>
internal static class LegacyInvocationId
{
    private const char UnitSeparator = '\u001F';

    /// <summary>Builds the invocation id for a request.</summary>
    /// <param name="action">The <c>action</c> member when it was a string, else null.</param>
    /// <param name="rawId">The raw JSON of the <c>id</c> member, else null.</param>
    public static string Create(string? action, string? rawId)
    {
        var actionJson = action is null ? string.Empty : JsonSerializer.Serialize(action, LegacyJson.Write);
        return string.Concat(actionJson, UnitSeparator.ToString(), rawId);
    }

    /// <summary>
    /// Splits an invocation id into the action's JSON string and the id's raw JSON, each maybe empty.
    /// </summary>
    public static void Parse(string invocationId, out ReadOnlySpan<char> actionJson, out ReadOnlySpan<char> rawId)
    {
        var split = invocationId.IndexOf(UnitSeparator, StringComparison.Ordinal);
        if (split < 0)
        {
            actionJson = default;
            rawId = default;
            return;
        }

        actionJson = invocationId.AsSpan(0, split);
        rawId = invocationId.AsSpan(split + 1);
    }
}

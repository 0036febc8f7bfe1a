using System.Text.Json.Nodes;

namespace Marketplace.Bench.Servers;

/// <summary>The <c>--server-env</c> settings as a report shows them, with anything secret hidden.</summary>
internal static class ServerSettings
{
    /// <summary>Gets the settings as <c>KEY=VALUE</c> strings, in order, the value of a secret one hidden.</summary>
    public static JsonArray Describe(IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new JsonArray([.. settings.Select(Text)]);
    }

    private static JsonNode Text(KeyValuePair<string, string> setting)
    {
        // A setting may carry a password, such as another connection string; its name says enough.
        var secret = setting.Key.Contains("Connection", StringComparison.OrdinalIgnoreCase)
            || setting.Key.Contains("Password", StringComparison.OrdinalIgnoreCase)
            || setting.Key.Contains("Secret", StringComparison.OrdinalIgnoreCase);
        return JsonValue.Create(secret ? $"{setting.Key}=(hidden)" : $"{setting.Key}={setting.Value}");
    }
}

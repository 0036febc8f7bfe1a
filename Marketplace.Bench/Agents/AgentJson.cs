using System.Text.Json;

namespace Marketplace.Bench.Agents;

/// <summary>
/// How an agent and the reporting process talk: commands as single words on the agent's standard input, replies
/// as one JSON object a line on its standard output, each with a <c>type</c> that names it.
/// </summary>
internal static class AgentJson
{
    /// <summary>Asks the agent to connect and subscribe its clients; it replies <see cref="AgentReady"/>.</summary>
    public const string Connect = "connect";

    /// <summary>Asks for the counts so far; the agent replies <see cref="AgentStatus"/>.</summary>
    public const string Status = "status";

    /// <summary>Asks for everything the clients received; the agent replies <see cref="AgentReport"/>.</summary>
    public const string Report = "report";

    /// <summary>Asks the agent to close its clients and exit; so does the end of its input.</summary>
    public const string Exit = "exit";

    /// <summary>Gets the serializer options of every reply: camelCase names, as JSON reports have them.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Writes <paramref name="reply"/> as one line.</summary>
    public static string Line<T>(T reply) => JsonSerializer.Serialize(reply, Options);

    /// <summary>Reads a reply line as <typeparamref name="T"/>.</summary>
    /// <exception cref="BenchException">The line is not a reply of that type.</exception>
    public static T Read<T>(string line, string expectedType)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(line);

        try
        {
            using var document = JsonDocument.Parse(line);
            var type = document.RootElement.TryGetProperty("type", out var value) ? value.GetString() : null;
            if (type == expectedType && document.Deserialize<T>(Options) is { } reply)
            {
                return reply;
            }
        }
        catch (JsonException exception)
        {
            throw new BenchException($"An agent's reply is not JSON: {line}", exception);
        }

        throw new BenchException($"An agent answered '{line}' where a {expectedType} reply was due.");
    }
}

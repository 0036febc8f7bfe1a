using Marketplace.Bench.CommandLine;

namespace Marketplace.Bench.Scenarios;

/// <summary>The <c>--protocol</c> option that the client-driving scenarios share.</summary>
internal static class ClientProtocolOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--protocol";

    /// <summary>Gets the option as the help lists it.</summary>
    public static OptionSpec Spec { get; } = new(
        Name,
        "KIND",
        "legacy (WebSocket), signalr (SignalR JSON) or mixed (half of each, on the same channels). Default legacy.");

    /// <summary>Reads the option; legacy when it is not given.</summary>
    /// <exception cref="UsageException">The value names no protocol.</exception>
    public static ClientProtocol Read(ParsedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return options.Text(Name) switch
        {
            null or "legacy" => ClientProtocol.Legacy,
            "signalr" => ClientProtocol.SignalR,
            "mixed" => ClientProtocol.Mixed,
            var other => throw new UsageException($"{Name} is legacy, signalr or mixed; got '{other}'."),
        };
    }

    /// <summary>Gets the protocol's name, as the option takes it.</summary>
    public static string Text(ClientProtocol protocol) => protocol switch
    {
        ClientProtocol.SignalR => "signalr",
        ClientProtocol.Mixed => "mixed",
        _ => "legacy",
    };

    /// <summary>Splits <paramref name="clients"/> into legacy and SignalR; mixed gives legacy the odd one.</summary>
    public static (int Legacy, int SignalR) Split(ClientProtocol protocol, int clients) => protocol switch
    {
        ClientProtocol.SignalR => (0, clients),
        ClientProtocol.Mixed => (clients - (clients / 2), clients / 2),
        _ => (clients, 0),
    };
}

using System.Globalization;
using Marketplace.Bench.CommandLine;

namespace Marketplace.Bench.Agents;

/// <summary>
/// What a subscriber agent holds: how many clients of each protocol, where they connect, and which publishes
/// they should receive. The reporting process writes these as the agent's command line, the agent reads them back.
/// </summary>
internal sealed record AgentOptions
{
    /// <summary>The hidden command that runs the bench as a subscriber agent.</summary>
    public const string Command = "agent";

    /// <summary>Gets the agent's options, as the parser checks them.</summary>
    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("--legacy-url", "URL", "The legacy WebSocket address."),
        new("--hub-url", "URL", "The SignalR hub's address."),
        new("--legacy", "N", "Legacy WebSocket clients."),
        new("--signalr", "N", "SignalR JSON clients."),
        LegacyClientOption.Spec,
        new("--first-client", "N", "The number of the agent's first client, counted over every agent."),
        new("--channel", "NAME", "The channel, or the stem of the channels."),
        new("--channels", "K", "How many channels the clients are spread over."),
        new("--warmup", "N", "Publishes sent first, not measured."),
        new("--measured", "N", "Publishes measured after the warm-up."),
    ];

    /// <summary>Gets the legacy WebSocket address.</summary>
    public required Uri LegacyUrl { get; init; }

    /// <summary>Gets the SignalR hub's address.</summary>
    public required Uri HubUrl { get; init; }

    /// <summary>Gets how many legacy WebSocket clients the agent holds.</summary>
    public int Legacy { get; init; }

    /// <summary>Gets how many SignalR clients the agent holds, after the legacy ones.</summary>
    public int SignalR { get; init; }

    /// <summary>Gets which implementation the legacy clients use.</summary>
    public LegacyClientKind LegacyClient { get; init; }

    /// <summary>Gets the number of the agent's first client, which places its clients on the channels.</summary>
    public int FirstClient { get; init; }

    /// <summary>Gets which publishes the clients should receive.</summary>
    public required SequencePlan Plan { get; init; }

    /// <summary>Reads the agent's command line.</summary>
    /// <exception cref="UsageException">An option is missing or out of range.</exception>
    public static AgentOptions Bind(ParsedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return new AgentOptions
        {
            LegacyUrl = Address(options, "--legacy-url"),
            HubUrl = Address(options, "--hub-url"),
            Legacy = options.Integer("--legacy", 0, 0, 1_000_000),
            SignalR = options.Integer("--signalr", 0, 0, 1_000_000),
            LegacyClient = LegacyClientOption.Read(options),
            FirstClient = options.Integer("--first-client", 0, 0, int.MaxValue),
            Plan = new SequencePlan(
                options.Text("--channel") ?? throw new UsageException("agent needs --channel."),
                options.Integer("--channels", 1, 1, 1_000_000),
                options.Integer("--warmup", 0, 0, int.MaxValue),
                options.Integer("--measured", 0, 0, int.MaxValue)),
        };
    }

    /// <summary>Gets the command line that <see cref="Bind"/> reads back as these options.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        return
        [
            Command,
            "--legacy-url", LegacyUrl.AbsoluteUri,
            "--hub-url", HubUrl.AbsoluteUri,
            "--legacy", Text(Legacy),
            "--signalr", Text(SignalR),
            LegacyClientOption.Name, LegacyClientOption.Text(LegacyClient),
            "--first-client", Text(FirstClient),
            "--channel", Plan.Channel,
            "--channels", Text(Plan.Channels),
            "--warmup", Text(Plan.Warmup),
            "--measured", Text(Plan.Measured),
        ];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Uri Address(ParsedOptions options, string name)
    {
        var text = options.Text(name) ?? throw new UsageException($"agent needs {name}.");
        return Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? url
            : throw new UsageException($"{name} takes an absolute address; got '{text}'.");
    }
}

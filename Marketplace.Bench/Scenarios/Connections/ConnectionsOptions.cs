using Marketplace.Bench.Agents;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Scenarios.Fanout;

namespace Marketplace.Bench.Scenarios.Connections;

/// <summary>The <c>connections</c> scenario's own options, read and checked.</summary>
internal sealed record ConnectionsOptions
{
    /// <summary>Gets the options, as the parser checks them and the help lists them.</summary>
    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("--connections", "N", "Idle connections, each subscribed to one channel, held by agent processes. " +
            "Default 10000."),
        ClientProtocolOption.Spec,
        LegacyClientOption.Spec,
        new("--hold", "SECONDS", "How long the connections are held after the last one connects: three " +
            "heartbeat rounds at the server's default 10 s, and a little. Default 35."),
        new("--settle", "SECONDS", "Pause after the server starts and after the connections are made, before " +
            "its memory is read. Default 3."),
        new("--agents", "N", $"Agent processes. Default: one per {FanoutOptions.ClientsPerAgent} connections."),
    ];

    /// <summary>Gets how many connections are made.</summary>
    public int Connections { get; init; } = 10_000;

    /// <summary>Gets which kind of client connects.</summary>
    public ClientProtocol Protocol { get; init; } = ClientProtocol.Legacy;

    /// <summary>Gets which implementation the legacy clients use.</summary>
    public LegacyClientKind LegacyClient { get; init; }

    /// <summary>Gets how long the connections are held.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>Gets the pause before each memory reading.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets how many agent processes hold the connections.</summary>
    public int Agents { get; init; } = 2;

    /// <summary>Reads the scenario's options and checks them against the shared ones.</summary>
    /// <exception cref="UsageException">An option is out of range or does not apply.</exception>
    public static ConnectionsOptions Bind(ParsedOptions options, CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(common);

        if (common.PostgresAdmin is not null || common.PostgresDatabase is not null)
        {
            throw new UsageException(
                "connections needs no database: a server the bench starts uses its embedded SQLite file. Leave " +
                "out --postgres and --postgres-db.");
        }

        var defaults = new ConnectionsOptions();
        var connections = options.Integer("--connections", defaults.Connections, 1, 1_000_000);
        var automaticAgents = (connections + FanoutOptions.ClientsPerAgent - 1) / FanoutOptions.ClientsPerAgent;
        return new ConnectionsOptions
        {
            Connections = connections,
            Protocol = ClientProtocolOption.Read(options),
            LegacyClient = LegacyClientOption.Read(options),
            Hold = options.Seconds("--hold", defaults.Hold, 0, 86_400),
            Settle = options.Seconds("--settle", defaults.Settle, 0, 600),
            Agents = options.Integer("--agents", automaticAgents, 1, connections),
        };
    }
}

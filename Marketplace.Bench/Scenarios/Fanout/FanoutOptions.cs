using Marketplace.Bench.Agents;
using Marketplace.Bench.CommandLine;

namespace Marketplace.Bench.Scenarios.Fanout;

/// <summary>The <c>fanout</c> scenario's own options, read and checked.</summary>
internal sealed record FanoutOptions
{
    /// <summary>The most clients one agent process holds by default, well under its file limit.</summary>
    public const int ClientsPerAgent = 5000;

    /// <summary>Gets the options, as the parser checks them and the help lists them.</summary>
    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("--subscribers", "N", "Subscribers, held by agent processes apart from the publisher. Default 1000."),
        new("--channels", "K", "Channels the subscribers are spread over, evenly; publishes go to each in turn. " +
            "Default 1."),
        ClientProtocolOption.Spec,
        LegacyClientOption.Spec,
        new("--messages", "M", "Measured publishes. Default 2000."),
        new("--warmup", "N", "Publishes sent first and not measured; each must reach every subscriber before " +
            "measuring starts. Default 200, at least --channels."),
        new("--payload", "BYTES", "Size of each payload's JSON, stamps and padding. Default 256."),
        new("--window", "N", "Most publishes unanswered at once. Default 64."),
        new("--rate", "PER_SECOND", "Publish at this fixed rate. Default: as fast as the window allows, which " +
            "exceeds the server's default request limit of 5000/s: add --server-env " +
            "Limits__Requests__PerSecond=1000000 --server-env Limits__Requests__Burst=1000000. With a rate, the " +
            "server's CPU per delivery is also given as a multiple of the paced kernel floor: the CPU of one bare " +
            "loopback send when rounds of sends, one to each of min(subscribers, 1000) connections, come at this " +
            "rate for about 8 s and each round wakes a receiver that slept since the last, as subscribers are " +
            "woken (KernelFloor/paced-floor.c; the plain kernel floor sends back to back and never sleeps)."),
        new("--agents", "N", $"Subscriber agent processes. Default: one per {ClientsPerAgent} subscribers."),
        new("--drain-timeout", "SECONDS", "How long to wait, after the last delivery, for more to arrive before " +
            "counting the rest lost. Default 15."),
    ];

    /// <summary>Gets how many subscribers there are.</summary>
    public int Subscribers { get; init; } = 1000;

    /// <summary>Gets how many channels they are spread over.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Gets which kind of client subscribes.</summary>
    public ClientProtocol Protocol { get; init; } = ClientProtocol.Legacy;

    /// <summary>Gets which implementation the legacy clients use.</summary>
    public LegacyClientKind LegacyClient { get; init; }

    /// <summary>Gets how many publishes are measured.</summary>
    public int Messages { get; init; } = 2000;

    /// <summary>Gets how many publishes are sent first, not measured.</summary>
    public int Warmup { get; init; } = 200;

    /// <summary>Gets the size of each payload's JSON.</summary>
    public int PayloadBytes { get; init; } = 256;

    /// <summary>Gets the most publishes unanswered at once.</summary>
    public int Window { get; init; } = 64;

    /// <summary>Gets the fixed publish rate; null for as fast as the window allows.</summary>
    public double? Rate { get; init; }

    /// <summary>Gets how many agent processes hold the subscribers.</summary>
    public int Agents { get; init; } = 1;

    /// <summary>Gets how long to wait for deliveries that are still due.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Reads the scenario's options and checks them against the shared ones.</summary>
    /// <exception cref="UsageException">An option is out of range or does not apply.</exception>
    public static FanoutOptions Bind(ParsedOptions options, CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(common);

        if (common.PostgresAdmin is not null || common.PostgresDatabase is not null)
        {
            throw new UsageException(
                "fanout needs no database: a server the bench starts uses its embedded SQLite file. Leave out " +
                "--postgres and --postgres-db.");
        }

        var defaults = new FanoutOptions();
        var subscribers = options.Integer("--subscribers", defaults.Subscribers, 1, 1_000_000);
        var channels = options.Integer("--channels", defaults.Channels, 1, subscribers);
        var automaticAgents = (subscribers + ClientsPerAgent - 1) / ClientsPerAgent;
        return new FanoutOptions
        {
            Subscribers = subscribers,
            Channels = channels,
            Protocol = ClientProtocolOption.Read(options),
            LegacyClient = LegacyClientOption.Read(options),
            Messages = options.Integer("--messages", defaults.Messages, 1, 100_000_000),
            Warmup = options.Integer("--warmup", Math.Max(defaults.Warmup, channels), channels, 100_000_000),
            PayloadBytes = options.Integer("--payload", defaults.PayloadBytes, StampedPayload.MinimumBytes, 60_000),
            Window = options.Integer("--window", defaults.Window, 1, 100_000),
            Rate = options.Has("--rate") ? options.Number("--rate", 0, 0.1, 10_000_000) : null,
            Agents = options.Integer("--agents", automaticAgents, 1, subscribers),
            DrainTimeout = options.Seconds("--drain-timeout", defaults.DrainTimeout, 1, 3_600),
        };
    }
}

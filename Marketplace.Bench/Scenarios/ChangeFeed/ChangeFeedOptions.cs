using Marketplace.Bench.CommandLine;

namespace Marketplace.Bench.Scenarios.ChangeFeed;

/// <summary>The <c>changefeed</c> scenario's own options, read and checked.</summary>
internal sealed record ChangeFeedOptions
{
    /// <summary>Gets the options, as the parser checks them and the help lists them.</summary>
    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("--subscribers", "N", "Legacy clients subscribed to productos. Default 10."),
        new("--rate", "ROWS", "Rows inserted per second, one per transaction. Default 100."),
        new("--duration", "SECONDS", "How long the measured rows are written. Default 20."),
        new("--warmup", "SECONDS", "Rows written first at the same rate and not measured; the last must reach " +
            "every client before measuring starts. Default 2."),
        new("--drain-timeout", "SECONDS", "How long to wait for the last row to reach every client, after the " +
            "warm-up and after the measured rows; longer than a polling interval. Default 15."),
    ];

    /// <summary>Gets how many legacy clients subscribe to <c>productos</c>.</summary>
    public int Subscribers { get; init; } = 10;

    /// <summary>Gets how many rows are inserted per second.</summary>
    public double RowsPerSecond { get; init; } = 100;

    /// <summary>Gets how long the measured rows are written.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets how long the warm-up rows are written.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets how long to wait for a row to reach every client before counting it lost.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets how many rows are measured: the rate times the duration, at least one.</summary>
    public int MeasuredRows => RowCount(Duration);

    /// <summary>Gets how many warm-up rows are written: the rate times the warm-up, at least one.</summary>
    /// <remarks>Never none: the first rows also prove the feed works before anything is measured.</remarks>
    public int WarmupRows => RowCount(Warmup);

    /// <summary>Reads the scenario's options and checks them against the shared ones.</summary>
    /// <exception cref="UsageException">An option is out of range or the target cannot be measured.</exception>
    public static ChangeFeedOptions Bind(ParsedOptions options, CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(common);

        if (common.ServerUrl is not null && common.PostgresDatabase is null)
        {
            throw new UsageException(
                "changefeed with --server-url needs --postgres-db: the connection string of the database that " +
                "server uses, where the bench inserts its rows.");
        }

        var defaults = new ChangeFeedOptions();
        return new ChangeFeedOptions
        {
            Subscribers = options.Integer("--subscribers", defaults.Subscribers, 1, 100_000),
            RowsPerSecond = options.Number("--rate", defaults.RowsPerSecond, 0.1, 10_000),
            Duration = options.Seconds("--duration", defaults.Duration, 1, 86_400),
            Warmup = options.Seconds("--warmup", defaults.Warmup, 0, 3_600),
            DrainTimeout = options.Seconds("--drain-timeout", defaults.DrainTimeout, 1, 3_600),
        };
    }

    private int RowCount(TimeSpan span) => Math.Max(1, (int)Math.Round(RowsPerSecond * span.TotalSeconds));
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Marketplace.Bench.Clients;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Measurement;
using Marketplace.Bench.Postgres;
using Marketplace.Bench.Reporting;
using Marketplace.Bench.Servers;

namespace Marketplace.Bench.Scenarios.ChangeFeed;

/// <summary>
/// <c>changefeed</c>: commit-to-client latency for rows written to PostgreSQL by plain SQL. Legacy clients
/// subscribe to <c>productos</c>; a writer of the bench's own inserts rows at a steady rate, one per transaction;
/// each row's latency runs from its COMMIT returning to its <c>product_created</c> notification reaching a client.
/// </summary>
/// <remarks>
/// Writer and clients share the bench's process and so one clock. The server's CPU time is read over the
/// measured window, from the first measured row to the last row's arrival, so it includes whatever else the
/// server does meanwhile (heartbeats, polling): the cost of the feed as deployed.
/// </remarks>
internal sealed class ChangeFeedScenario : IScenario
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    // After the last row arrives everywhere: time for a late duplicate to show itself before counting.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(500);

    private readonly ChangeFeedOptions _options;
    private readonly CommonOptions _common;

    /// <summary>Creates the scenario with its options read and checked.</summary>
    public ChangeFeedScenario(ChangeFeedOptions options, CommonOptions common)
    {
        _options = options;
        _common = common;
    }

    /// <summary>Gets what the command line knows of the scenario.</summary>
    public static ScenarioDefinition Definition { get; } = new(
        "changefeed",
        "Commit-to-client latency for rows written to PostgreSQL by plain SQL.",
        ChangeFeedOptions.Specs,
        (options, common) => new ChangeFeedScenario(ChangeFeedOptions.Bind(options, common), common));

    /// <inheritdoc />
    public string Name => Definition.Name;

    /// <summary>Gets the scenario's own options, as read from the command line.</summary>
    public ChangeFeedOptions Options => _options;

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var progress = context.Progress;

        await progress.WriteLineAsync("changefeed: preparing the PostgreSQL database");
        var clusterDirectory = Path.Combine(context.WorkDirectory, "postgres");
        await using var database = await BenchDatabase.PrepareAsync(_common, clusterDirectory, cancellationToken);

        var serverAction = _common.ServerUrl is null ? "starting" : "targeting";
        await progress.WriteLineAsync($"changefeed: {serverAction} the server");
        await using var server = await ServerTarget.StartOrAttachAsync(
            _common,
            database.ConnectionString,
            context.ServerLogPath,
            cancellationToken);

        await progress.WriteLineAsync(
            $"changefeed: connecting {_options.Subscribers} subscribers to {server.LegacyAddress}");
        await using var subscribers = await SubscriberGroup.ConnectAsync(
            server.LegacyAddress,
            _options.Subscribers,
            ConnectTimeout,
            cancellationToken);
        await using var writer = await ProductWriter.OpenAsync(database.ConnectionString, cancellationToken);

        await progress.WriteLineAsync($"changefeed: warming up with {_options.WarmupRows} rows");
        var warmup = await WarmUpAsync(writer, subscribers, cancellationToken);

        await progress.WriteLineAsync(
            $"changefeed: writing {_options.MeasuredRows} rows at {_options.RowsPerSecond} per second");
        var window = await MeasureAsync(writer, subscribers, server.ProcessId, cancellationToken);
        await Task.Delay(SettleTime, cancellationToken);

        var commits = window.Rows.ToDictionary(row => row.ProductId, row => row.CommittedAt);
        var tally = DeliveryAnalysis.Tally(commits, subscribers.Receipts(), warmup);
        var notes = Notes(window, tally, subscribers);
        return new ScenarioResult(Settings(server, database), Metrics(window, tally), notes)
        {
            ServerCpuPerDeliveryUs = PerItemMicroseconds(window.ServerCpu, tally.Delivered),
        };
    }

    private async Task<HashSet<int>> WarmUpAsync(
        ProductWriter writer,
        SubscriberGroup subscribers,
        CancellationToken cancellationToken)
    {
        var rows = await writer.WriteAsync(_options.WarmupRows, _options.RowsPerSecond, cancellationToken);

        // Nothing is measured until the feed has shown it works, to every client.
        var last = rows[^1].ProductId;
        var arrived = await subscribers.WaitForProductAsync(last, _options.DrainTimeout, cancellationToken);
        if (arrived < subscribers.Count)
        {
            throw new BenchException(
                $"Only {arrived} of {subscribers.Count} subscribers received product_created for warm-up row {last} " +
                $"within {_options.DrainTimeout.TotalSeconds:0.#} s. Is the server's change feed running " +
                "(ChangeFeed__Mode), and its polling interval shorter than --drain-timeout?");
        }

        return [.. rows.Select(row => row.ProductId)];
    }

    private async Task<MeasuredWindow> MeasureAsync(
        ProductWriter writer,
        SubscriberGroup subscribers,
        int? serverProcessId,
        CancellationToken cancellationToken)
    {
        CpuTime? cpuBefore = serverProcessId is { } id ? ProcStat.Read(id) : null;
        var started = Stopwatch.GetTimestamp();

        var rows = await writer.WriteAsync(_options.MeasuredRows, _options.RowsPerSecond, cancellationToken);
        var written = Stopwatch.GetTimestamp();

        var last = rows[^1].ProductId;
        var arrived = await subscribers.WaitForProductAsync(last, _options.DrainTimeout, cancellationToken);
        var ended = Stopwatch.GetTimestamp();
        CpuTime? cpu = serverProcessId is { } process && cpuBefore is { } first
            ? ProcStat.Read(process).Since(first)
            : null;

        return new MeasuredWindow(
            rows,
            Stopwatch.GetElapsedTime(started, written),
            Stopwatch.GetElapsedTime(started, ended),
            arrived,
            cpu);
    }

    private JsonObject Settings(ServerTarget server, BenchDatabase database)
    {
        return new JsonObject
        {
            ["subscribers"] = _options.Subscribers,
            ["rowsPerSecond"] = _options.RowsPerSecond,
            ["durationSeconds"] = _options.Duration.TotalSeconds,
            ["warmupSeconds"] = _options.Warmup.TotalSeconds,
            ["drainTimeoutSeconds"] = _options.DrainTimeout.TotalSeconds,
            ["server"] = server.Description,
            ["serverEnv"] = ServerSettings.Describe(_common.ServerEnvironment),
            ["database"] = database.Origin,
            ["writes"] = "INSERT ... RETURNING, one row per transaction, on one connection",
        };
    }

    private List<ReportMetric> Metrics(MeasuredWindow window, DeliveryTally tally)
    {
        var latency = LatencySummary.Of(tally.LatenciesMs.ToList());
        var cpu = window.ServerCpu;
        return
        [
            new("rows", "rows written", window.Rows.Count, "rows"),
            new("writeRatePerSecond", "write rate achieved", window.Rows.Count / window.Writing.TotalSeconds,
                "rows/s", 1),
            new("subscribers", "subscribers", _options.Subscribers, "clients"),
            new("deliveriesExpected", "deliveries expected", tally.Expected, "messages"),
            new("deliveries", "deliveries received", tally.Delivered, "messages"),
            new("lost", "lost", tally.Lost, "messages"),
            new("duplicated", "duplicated", tally.Duplicated, "messages"),
            new("latencyMeanMs", "latency mean", latency?.Mean, "ms", 2),
            new("latencyP50Ms", "latency p50", latency?.P50, "ms", 2),
            new("latencyP90Ms", "latency p90", latency?.P90, "ms", 2),
            new("latencyP99Ms", "latency p99", latency?.P99, "ms", 2),
            new("latencyMaxMs", "latency max", latency?.Max, "ms", 2),
            new("windowSeconds", "measured window", window.Elapsed.TotalSeconds, "s", 2),
            new("serverCpuUserMs", "server CPU, user", cpu?.User.TotalMilliseconds, "ms"),
            new("serverCpuSystemMs", "server CPU, system", cpu?.System.TotalMilliseconds, "ms"),
            new("serverCpuShareOfCorePercent", "server CPU share of one core",
                cpu?.Total.TotalSeconds / window.Elapsed.TotalSeconds * 100, "%", 1),
            new("serverCpuPerRowUs", "server CPU per row", PerItemMicroseconds(cpu, window.Rows.Count), "us", 1),
            new("serverCpuPerDeliveryUs", "server CPU per delivery", PerItemMicroseconds(cpu, tally.Delivered),
                "us", 2),
        ];
    }

    private static double? PerItemMicroseconds(CpuTime? cpu, int items) =>
        cpu is { } spent && items > 0 ? spent.Total.TotalMicroseconds / items : null;

    private List<string> Notes(MeasuredWindow window, DeliveryTally tally, SubscriberGroup subscribers)
    {
        var notes = new List<string>();
        if (window.ClientsWithLastRow < subscribers.Count)
        {
            notes.Add(
                $"Only {window.ClientsWithLastRow} of {subscribers.Count} subscribers had the last row " +
                $"{_options.DrainTimeout.TotalSeconds:0.#} s after the writer stopped (--drain-timeout).");
        }

        if (window.ServerCpu is null)
        {
            notes.Add("Server CPU was not measured: give the running server's process id with --server-pid.");
        }

        if (tally.Unexpected > 0)
        {
            notes.Add($"{tally.Unexpected} notifications of rows the bench did not write were ignored.");
        }

        notes.AddRange(subscribers.Failures()
            .Select(failure => $"{failure.Clients} subscribers lost their connection: {failure.Reason}."));
        return notes;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Bench.Agents;
using Marketplace.Bench.Clients;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Measurement;
using Marketplace.Bench.Reporting;
using Marketplace.Bench.Servers;

namespace Marketplace.Bench.Scenarios.Fanout;

/// <summary>
/// <c>fanout</c>: subscribers on one channel or spread over several, held by agent processes of their own; a
/// legacy publisher in the bench's process sends stamped payloads with <c>notify</c>, at full speed within a
/// window or at a fixed rate. Each delivery's latency runs from the publisher's send to the subscriber's receipt.
/// </summary>
/// <remarks>
/// The server's CPU time is read over the measured window, from the first measured publish until every open
/// subscriber has every measured delivery, and divided by the deliveries that arrived. A subscriber the server
/// closes for falling behind (<c>Delivery:MaxQueuedBytes</c>) keeps its place in the count: what it missed is lost.
/// </remarks>
internal sealed class FanoutScenario : IScenario
{
    private const string ChannelStem = "bench-fanout";

    // After the last delivery: time for a late duplicate to show itself before counting.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(500);

    private readonly FanoutOptions _options;
    private readonly CommonOptions _common;

    /// <summary>Creates the scenario with its options read and checked.</summary>
    public FanoutScenario(FanoutOptions options, CommonOptions common)
    {
        _options = options;
        _common = common;
    }

    /// <summary>Gets what the command line knows of the scenario.</summary>
    public static ScenarioDefinition Definition { get; } = new(
        "fanout",
        "Publish-to-subscriber latency, deliveries per second and server CPU per delivery, subscribers in " +
        "separate processes.",
        FanoutOptions.Specs,
        (options, common) => new FanoutScenario(FanoutOptions.Bind(options, common), common));

    /// <inheritdoc />
    public string Name => Definition.Name;

    /// <summary>Gets the scenario's own options, as read from the command line.</summary>
    public FanoutOptions Options => _options;

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var progress = context.Progress;

        await progress.WriteLineAsync($"fanout: {(_common.ServerUrl is null ? "starting" : "targeting")} the server");
        await using var server = await ServerTarget.StartOrAttachAsync(
            _common,
            connectionString: null,
            context.ServerLogPath,
            cancellationToken);

        var plan = new SequencePlan(ChannelStem, _options.Channels, _options.Warmup, _options.Messages);
        var (legacy, signalR) = ClientProtocolOption.Split(_options.Protocol, _options.Subscribers);
        await progress.WriteLineAsync(
            $"fanout: {legacy} legacy and {signalR} SignalR subscribers in {_options.Agents} agent processes");
        var spread = AgentFleet.Spread(
            legacy, signalR, _options.Agents, _options.LegacyClient, server.LegacyAddress, server.HubAddress, plan);
        await using var fleet = await AgentFleet.StartAsync(spread, context.WorkDirectory, cancellationToken);
        var ready = await fleet.ConnectAsync(cancellationToken);
        if (ready.Connected == 0)
        {
            throw new BenchException($"No subscriber could connect: {ready.FirstFailure}");
        }

        await using var publisher = await NotifyPublisher.ConnectAsync(
            server.LegacyAddress, _options.Window, cancellationToken);

        await progress.WriteLineAsync($"fanout: warming up with {plan.Warmup} publishes");
        await WarmUpAsync(publisher, fleet, plan, cancellationToken);

        var mode = _options.Rate is { } rate ? $"at {rate} per second" : $"at full speed, window {_options.Window}";
        await progress.WriteLineAsync($"fanout: publishing {plan.Measured} messages {mode}");
        var window = await MeasureAsync(publisher, fleet, plan, server.ProcessId, cancellationToken);
        await Task.Delay(SettleTime, cancellationToken);
        var report = await fleet.ReportAsync(cancellationToken);

        var settings = Settings(server, legacy, signalR);
        return new ScenarioResult(settings, Metrics(ready, window, report), Notes(ready, window, report))
        {
            ServerCpuPerDeliveryUs = PerItem(window.ServerCpu, report.Delivered),
            PacedFloor = _options.Rate is { } fixedRate
                ? PacedFloorPlan.ForFanout(_options.Subscribers, fixedRate)
                : null,
        };
    }

    private async Task WarmUpAsync(
        NotifyPublisher publisher,
        AgentFleet fleet,
        SequencePlan plan,
        CancellationToken cancellationToken)
    {
        var outcome = await publisher.PublishAsync(
            0, plan.Warmup, plan, _options.PayloadBytes, _options.Rate, cancellationToken);
        var status = await fleet.WaitAsync(
            status => status.WarmedUp >= status.Open, _options.DrainTimeout, cancellationToken);

        // Nothing is measured until every subscriber has shown that deliveries reach it.
        if (status.WarmedUp < status.Open || outcome.Acknowledged < outcome.Sent)
        {
            throw new BenchException(
                $"Only {status.WarmedUp} of {status.Open} open subscribers received every warm-up publish, and " +
                $"{outcome.Acknowledged} of {outcome.Sent} publishes were acknowledged" +
                $"{RefusalText(outcome)}. A full-speed publisher needs --server-env " +
                "Limits__Requests__PerSecond=1000000 --server-env Limits__Requests__Burst=1000000.");
        }
    }

    private async Task<FanoutWindow> MeasureAsync(
        NotifyPublisher publisher,
        AgentFleet fleet,
        SequencePlan plan,
        int? serverProcessId,
        CancellationToken cancellationToken)
    {
        CpuTime? cpuBefore = serverProcessId is { } id ? ProcStat.Read(id) : null;
        var agentsBefore = fleet.ReadCpu();
        var started = Stopwatch.GetTimestamp();

        var outcome = await publisher.PublishAsync(
            plan.FirstMeasured, plan.Measured, plan, _options.PayloadBytes, _options.Rate, cancellationToken);
        var status = await fleet.WaitAsync(
            status => status.Complete >= status.Open, _options.DrainTimeout, cancellationToken);

        var ended = Stopwatch.GetTimestamp();
        CpuTime? cpu = serverProcessId is { } process && cpuBefore is { } first
            ? ProcStat.Read(process).Since(first)
            : null;
        var agents = fleet.ReadCpu().Since(agentsBefore);
        return new FanoutWindow(outcome, started, Stopwatch.GetElapsedTime(started, ended), status, cpu, agents);
    }

    private JsonObject Settings(ServerTarget server, int legacy, int signalR)
    {
        return new JsonObject
        {
            ["subscribers"] = _options.Subscribers,
            ["legacySubscribers"] = legacy,
            ["signalRSubscribers"] = signalR,
            ["protocol"] = ClientProtocolOption.Text(_options.Protocol),
            ["channels"] = _options.Channels,
            ["agentProcesses"] = _options.Agents,
            ["messages"] = _options.Messages,
            ["warmupMessages"] = _options.Warmup,
            ["payloadBytes"] = _options.PayloadBytes,
            ["publisher"] = _options.Rate is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"{rate} per second, window {_options.Window}")
                : $"full speed, window {_options.Window}",
            ["drainTimeoutSeconds"] = _options.DrainTimeout.TotalSeconds,
            ["server"] = server.Description,
            ["serverEnv"] = ServerSettings.Describe(_common.ServerEnvironment),
            ["database"] = _common.ServerUrl is null ? "embedded SQLite in the run's folder" : "the running server's",
        };
    }

    private static List<ReportMetric> Metrics(AgentReady ready, FanoutWindow window, AgentReport report)
    {
        var latency = LatencyHistogram.FromSnapshot(report.Latency).Summary();
        var cpu = window.ServerCpu;
        var outcome = window.Publishing;
        var delivering = report.LastReceivedAt > window.StartedAt
            ? Stopwatch.GetElapsedTime(window.StartedAt, report.LastReceivedAt)
            : TimeSpan.Zero;
        return
        [
            new("subscribers", "subscribers connected", ready.Connected, "clients"),
            new("subscribersFailed", "subscribers that failed to connect", ready.Failed, "clients"),
            new("subscribersClosed", "subscribers closed during the run", report.Clients - report.Open, "clients"),
            new("publishes", "publishes sent", outcome.Sent, "messages"),
            new("publishesAcknowledged", "publishes acknowledged", outcome.Acknowledged, "messages"),
            new("publishesRefused", "publishes refused", outcome.Refused.Values.Sum(), "messages"),
            new("publishRatePerSecond", "publish rate achieved", outcome.Sent / outcome.Sending.TotalSeconds,
                "msg/s", 1),
            new("deliveriesExpected", "deliveries expected", report.Expected, "messages"),
            new("deliveries", "deliveries received", report.Delivered, "messages"),
            new("lost", "lost", report.Lost, "messages"),
            new("duplicated", "duplicated", report.Duplicated, "messages"),
            new("deliveriesPerSecond", "deliveries per second",
                delivering > TimeSpan.Zero ? report.Delivered / delivering.TotalSeconds : null, "msg/s"),
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
            new("serverCpuPerPublishUs", "server CPU per publish", PerItem(cpu, outcome.Sent), "us", 1),
            new("serverCpuPerDeliveryUs", "server CPU per delivery", PerItem(cpu, report.Delivered), "us", 2),

            // The clients share the machine: what they spend is what the server could not have.
            new("agentsCpuShareOfCorePercent", "subscriber agents' CPU share of one core",
                window.AgentsCpu.Total.TotalSeconds / window.Elapsed.TotalSeconds * 100, "%", 1),
            new("agentsCpuPerDeliveryUs", "subscriber agents' CPU per delivery",
                PerItem(window.AgentsCpu, report.Delivered), "us", 2),
        ];
    }

    private static double? PerItem(CpuTime? cpu, long items) =>
        cpu is { } spent && items > 0 ? spent.Total.TotalMicroseconds / items : null;

    private List<string> Notes(AgentReady ready, FanoutWindow window, AgentReport report)
    {
        var notes = new List<string>();
        if (ready.FirstFailure is { } failure)
        {
            notes.Add($"{ready.Failed} subscribers could not connect; the first said: {failure}");
        }

        if (window.Publishing.Refused.Count > 0)
        {
            notes.Add(
                $"Publishes were refused{RefusalText(window.Publishing)}; their deliveries count as lost. For a " +
                "full-speed publisher add --server-env Limits__Requests__PerSecond=1000000 --server-env " +
                "Limits__Requests__Burst=1000000.");
        }

        if (window.Publishing.Unanswered > 0)
        {
            notes.Add($"{window.Publishing.Unanswered} publishes had no answer when the publisher stopped waiting.");
        }

        if (window.Status.Complete < window.Status.Open)
        {
            notes.Add(
                $"Only {window.Status.Complete} of {window.Status.Open} open subscribers had every delivery when " +
                $"nothing more arrived for {_options.DrainTimeout.TotalSeconds:0.#} s (--drain-timeout).");
        }

        if (window.ServerCpu is null)
        {
            notes.Add("Server CPU was not measured: give the running server's process id with --server-pid.");
        }

        if (report.Unexpected > 0)
        {
            notes.Add($"{report.Unexpected} frames reached subscribers that were not measured publishes of theirs.");
        }

        notes.AddRange(report.Closes.Select(close =>
            $"{close.Clients} subscribers lost their connection ({close.Reason}); what they missed counts as lost."));
        notes.Add(
            "Latency runs from the publisher's Stopwatch timestamp, written into the payload just before the send, " +
            "to the subscriber's on arrival: two processes, one CLOCK_MONOTONIC, checked as each agent starts.");
        return notes;
    }

    private static string RefusalText(PublishOutcome outcome)
    {
        return outcome.Refused.Count == 0
            ? string.Empty
            : " (" + string.Join(", ", outcome.Refused.Select(pair => $"{pair.Value} {pair.Key}")) + ")";
    }
}

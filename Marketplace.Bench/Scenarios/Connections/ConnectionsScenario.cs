using System.Diagnostics;
using System.Text.Json.Nodes;
using Marketplace.Bench.Agents;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Measurement;
using Marketplace.Bench.Reporting;
using Marketplace.Bench.Servers;

namespace Marketplace.Bench.Scenarios.Connections;

/// <summary>
/// <c>connections</c>: idle subscribers, held by agent processes through several heartbeat rounds: how fast they
/// connect, how many survive, and how much server memory each one costs.
/// </summary>
/// <remarks>
/// Memory is the server process's resident set (<c>VmRSS</c>, the working set) read before the first connection
/// and after the hold; the difference over the connections still open is the cost of one. The server offers no
/// way to force a collection, so the figure includes garbage not yet collected: an upper bound.
/// </remarks>
internal sealed class ConnectionsScenario : IScenario
{
    private const string Channel = "bench-idle";

    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private readonly ConnectionsOptions _options;
    private readonly CommonOptions _common;

    /// <summary>Creates the scenario with its options read and checked.</summary>
    public ConnectionsScenario(ConnectionsOptions options, CommonOptions common)
    {
        _options = options;
        _common = common;
    }

    /// <summary>Gets what the command line knows of the scenario.</summary>
    public static ScenarioDefinition Definition { get; } = new(
        "connections",
        "Idle connections held through heartbeat rounds: connect rate, survivors, server memory per connection.",
        ConnectionsOptions.Specs,
        (options, common) => new ConnectionsScenario(ConnectionsOptions.Bind(options, common), common));

    /// <inheritdoc />
    public string Name => Definition.Name;

    /// <summary>Gets the scenario's own options, as read from the command line.</summary>
    public ConnectionsOptions Options => _options;

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var progress = context.Progress;

        await progress.WriteLineAsync(
            $"connections: {(_common.ServerUrl is null ? "starting" : "targeting")} the server");
        await using var server = await ServerTarget.StartOrAttachAsync(
            _common,
            connectionString: null,
            context.ServerLogPath,
            cancellationToken);

        var (legacy, signalR) = ClientProtocolOption.Split(_options.Protocol, _options.Connections);
        var plan = new SequencePlan(Channel, 1, 0, 0);
        var spread = AgentFleet.Spread(
            legacy, signalR, _options.Agents, server.LegacyAddress, server.HubAddress, plan);
        await using var fleet = await AgentFleet.StartAsync(spread, context.WorkDirectory, cancellationToken);

        await Task.Delay(_options.Settle, cancellationToken);
        var before = Resident(server.ProcessId);

        await progress.WriteLineAsync(
            $"connections: connecting {legacy} legacy and {signalR} SignalR clients from {fleet.Count} agents");
        var ready = await fleet.ConnectAsync(cancellationToken);
        await Task.Delay(_options.Settle, cancellationToken);
        var connected = Resident(server.ProcessId);

        await progress.WriteLineAsync(
            $"connections: {ready.Connected} connected; holding them for {_options.Hold.TotalSeconds:0} s");
        await HoldAsync(fleet, progress, cancellationToken);
        var report = await fleet.ReportAsync(cancellationToken);
        var held = Resident(server.ProcessId);

        var memory = new ResidentMemory(before, connected, held);
        return new ScenarioResult(
            Settings(server, legacy, signalR),
            Metrics(ready, report, memory),
            Notes(ready, report, server.ProcessId));
    }

    private static long? Resident(int? processId) =>
        processId is { } id ? ProcStatus.ReadResidentBytes(id) : null;

    private async Task HoldAsync(AgentFleet fleet, TextWriter progress, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < _options.Hold)
        {
            var left = _options.Hold - Stopwatch.GetElapsedTime(start);
            await Task.Delay(left < StatusInterval ? left : StatusInterval, cancellationToken);
            var status = await fleet.StatusAsync(cancellationToken);
            await progress.WriteLineAsync(
                $"connections: {status.Open} open after {Stopwatch.GetElapsedTime(start).TotalSeconds:0} s");
        }
    }

    private JsonObject Settings(ServerTarget server, int legacy, int signalR)
    {
        return new JsonObject
        {
            ["connections"] = _options.Connections,
            ["legacyConnections"] = legacy,
            ["signalRConnections"] = signalR,
            ["protocol"] = ClientProtocolOption.Text(_options.Protocol),
            ["agentProcesses"] = _options.Agents,
            ["holdSeconds"] = _options.Hold.TotalSeconds,
            ["settleSeconds"] = _options.Settle.TotalSeconds,
            ["server"] = server.Description,
            ["serverEnv"] = ServerSettings.Describe(_common.ServerEnvironment),
        };
    }

    private static List<ReportMetric> Metrics(AgentReady ready, AgentReport report, ResidentMemory memory)
    {
        var connecting = Stopwatch.GetElapsedTime(ready.StartedAt, ready.EndedAt);
        return
        [
            new("connected", "connections made", ready.Connected, "connections"),
            new("connectFailed", "connections refused or failed", ready.Failed, "connections"),
            new("connectSeconds", "time to connect them all", connecting.TotalSeconds, "s", 2),
            new("connectRatePerSecond", "connect rate", ready.Connected / connecting.TotalSeconds, "conn/s"),
            new("survived", "open after the hold", report.Open, "connections"),
            new("dropped", "dropped during the hold", report.Clients - report.Open, "connections"),
            new("serverRssBeforeMiB", "server RSS before", Mebibytes(memory.Before), "MiB", 1),
            new("serverRssConnectedMiB", "server RSS once connected", Mebibytes(memory.Connected), "MiB", 1),
            new("serverRssAfterHoldMiB", "server RSS after the hold", Mebibytes(memory.AfterHold), "MiB", 1),
            new("serverRssPerConnectionConnectedKiB", "server RSS per connection, connected",
                memory.PerConnectionKibibytes(memory.Connected, ready.Connected), "KiB", 1),
            new("serverRssPerConnectionAfterHoldKiB", "server RSS per connection, after the hold",
                memory.PerConnectionKibibytes(memory.AfterHold, report.Open), "KiB", 1),
        ];
    }

    private static double? Mebibytes(long? bytes) => bytes / (1024.0 * 1024.0);

    private static List<string> Notes(AgentReady ready, AgentReport report, int? serverProcessId)
    {
        var notes = new List<string>();
        if (ready.FirstFailure is { } failure)
        {
            notes.Add($"{ready.Failed} connections could not be made; the first said: {failure}");
        }

        if (serverProcessId is null)
        {
            notes.Add("Server memory was not measured: give the running server's process id with --server-pid.");
        }

        notes.AddRange(report.Closes.Select(close => $"{close.Clients} connections were dropped: {close.Reason}."));
        notes.Add(
            "Memory is the server's resident set (VmRSS) with no forced collection, since the server has no way " +
            "to ask for one: garbage not yet collected counts, so per connection is an upper bound. The managed " +
            "heap alone is not measured.");
        return notes;
    }
}

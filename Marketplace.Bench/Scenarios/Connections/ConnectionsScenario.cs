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
/// Memory is read before the first connection, once all are made and after the hold; the growth over the
/// connections open is the cost of one. Each reading is the server process's resident set (<c>VmRSS</c>, the
/// working set), and, when the bench can reach the server's diagnostics port, the managed heap after a full
/// blocking GC the bench forces just before: without that GC the resident set holds uncollected garbage.
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
        "Idle connections held through heartbeat rounds: connect rate, survivors, server memory per connection " +
        "(resident set and, after a full GC the bench forces through the server's diagnostics port, managed heap).",
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
            legacy, signalR, _options.Agents, _options.LegacyClient, server.LegacyAddress, server.HubAddress, plan);
        await using var fleet = await AgentFleet.StartAsync(spread, context.WorkDirectory, cancellationToken);

        await Task.Delay(_options.Settle, cancellationToken);
        var before = await ReadMemoryAsync(server.ProcessId, cancellationToken);

        await progress.WriteLineAsync(
            $"connections: connecting {legacy} legacy and {signalR} SignalR clients from {fleet.Count} agents");
        var ready = await fleet.ConnectAsync(cancellationToken);
        await Task.Delay(_options.Settle, cancellationToken);
        var connected = await ReadMemoryAsync(server.ProcessId, cancellationToken);

        await progress.WriteLineAsync(
            $"connections: {ready.Connected} connected; holding them for {_options.Hold.TotalSeconds:0} s");
        await HoldAsync(fleet, progress, cancellationToken);
        var report = await fleet.ReportAsync(cancellationToken);
        var held = await ReadMemoryAsync(server.ProcessId, cancellationToken);

        var memory = new ServerMemory(before, connected, held);
        return new ScenarioResult(
            Settings(server, legacy, signalR),
            [.. Metrics(ready, report), .. memory.Metrics(ready.Connected, report.Open)],
            [.. Notes(ready, report), .. memory.Notes()]);
    }

    private static async Task<MemoryReading> ReadMemoryAsync(int? processId, CancellationToken cancellationToken)
    {
        if (processId is not { } id)
        {
            return MemoryReading.None;
        }

        ManagedHeap? heap = null;
        string? unforcedBecause = null;
        try
        {
            heap = await ForcedCollection.RunAsync(id, cancellationToken);
        }
        catch (BenchException exception)
        {
            // A server out of the bench's reach still has a resident set to read; the notes say it is uncollected.
            unforcedBecause = exception.Message;
        }

        return new MemoryReading(ProcStatus.ReadResidentBytes(id), heap, unforcedBecause);
    }

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

    private static List<ReportMetric> Metrics(AgentReady ready, AgentReport report)
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
        ];
    }

    private static List<string> Notes(AgentReady ready, AgentReport report)
    {
        var notes = new List<string>();
        if (ready.FirstFailure is { } failure)
        {
            notes.Add($"{ready.Failed} connections could not be made; the first said: {failure}");
        }

        notes.AddRange(report.Closes.Select(close => $"{close.Clients} connections were dropped: {close.Reason}."));
        return notes;
    }
}

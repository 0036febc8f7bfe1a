using System.Diagnostics;
using Marketplace.Bench.Agents.Epoll;
using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Agents;

/// <summary>
/// The bench run as a child process that holds subscribers, so the clients' work is not the publisher's and the
/// server serves clients of another process, as it would in production. It obeys the commands of
/// <see cref="AgentJson"/> on standard input and replies on standard output.
/// </summary>
/// <remarks>
/// Latency is measured across processes: the publisher stamps each payload with its Stopwatch timestamp and the
/// agent compares it with its own. On Linux, Stopwatch reads <c>clock_gettime(CLOCK_MONOTONIC)</c>, one clock
/// for the whole machine counted from boot, so timestamps of two processes compare directly; the reporting
/// process checks this on every run by bracketing the agent's first reading between two of its own.
/// </remarks>
internal sealed class SubscriberAgent
{
    // Connections opened at once: enough to be quick, few enough that the server's accept queue keeps up.
    private const int ConnectBatch = 100;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private readonly AgentOptions _options;
    private readonly LatencyHistogram _latency = new();
    private readonly List<IAgentClient> _clients = [];
    private readonly List<IAgentClient> _connected = [];
    private readonly EpollPoller? _poller;

    private SubscriberAgent(AgentOptions options)
    {
        _options = options;
        _poller = options.LegacyClient == LegacyClientKind.Epoll && options.Legacy > 0 ? new EpollPoller() : null;
    }

    /// <summary>Runs the agent until its input ends or says <c>exit</c>.</summary>
    /// <returns>The process's exit code.</returns>
    public static async Task<int> RunAsync(AgentOptions options, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        var agent = new SubscriberAgent(options);
        await WriteAsync(output, AgentJson.Line(new AgentStarted(Stopwatch.GetTimestamp())));
        try
        {
            while (await input.ReadLineAsync() is { } command && command != AgentJson.Exit)
            {
                var reply = command switch
                {
                    AgentJson.Connect => AgentJson.Line(await agent.ConnectAsync()),
                    AgentJson.Status => AgentJson.Line(agent.Status()),
                    AgentJson.Report => AgentJson.Line(agent.Report()),
                    _ => throw new InvalidOperationException($"An agent has no command '{command}'."),
                };
                await WriteAsync(output, reply);
            }
        }
        finally
        {
            await Task.WhenAll(agent._clients.Select(client => client.DisposeAsync().AsTask()));
            agent._poller?.Dispose();
        }

        return 0;
    }

    private static async Task WriteAsync(TextWriter output, string line)
    {
        await output.WriteLineAsync(line);
        await output.FlushAsync();
    }

    private async Task<AgentReady> ConnectAsync()
    {
        var legacy = _options.LegacyUrl;
        var hub = _options.HubUrl;
        for (var index = 0; index < _options.Legacy + _options.SignalR; index++)
        {
            var tally = new ClientTally(_options.Plan, _options.FirstClient + index, _latency);
            _clients.Add(index < _options.Legacy
                ? LegacyClient(legacy, tally)
                : new SignalRAgentClient(hub, tally));
        }

        var failed = 0;
        string? firstFailure = null;
        var startedAt = Stopwatch.GetTimestamp();
        foreach (var batch in _clients.Chunk(ConnectBatch))
        {
            var attempts = batch.Select(ConnectOneAsync).ToList();
            var outcomes = await Task.WhenAll(attempts);
            for (var index = 0; index < batch.Length; index++)
            {
                if (outcomes[index] is { } failure)
                {
                    failed++;
                    firstFailure ??= failure;
                }
                else
                {
                    _connected.Add(batch[index]);
                }
            }
        }

        return new AgentReady(_connected.Count, failed, firstFailure, startedAt, Stopwatch.GetTimestamp());
    }

    private IAgentClient LegacyClient(Uri address, ClientTally tally) => _poller is null
        ? new LegacyAgentClient(address, tally)
        : new EpollLegacyClient(address, tally, _poller);

    private static async Task<string?> ConnectOneAsync(IAgentClient client)
    {
        using var deadline = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await client.ConnectAsync(deadline.Token);
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"no subscription within {ConnectTimeout.TotalSeconds:0} s";
        }
        catch (Exception exception)
        {
            // Any failure of one client is a figure of the run (connections refused), not the agent's end.
            return exception.Message;
        }
    }

    private AgentStatus Status()
    {
        var open = 0;
        var warmedUp = 0;
        var complete = 0;
        var measured = 0L;
        foreach (var client in _connected)
        {
            var tally = client.Tally;
            measured += tally.Measured;
            if (!tally.IsOpen)
            {
                continue;
            }

            open++;
            warmedUp += tally.Warmup >= tally.ExpectedWarmup ? 1 : 0;
            complete += tally.Measured >= tally.ExpectedMeasured ? 1 : 0;
        }

        return new AgentStatus(open, warmedUp, complete, measured);
    }

    private AgentReport Report()
    {
        var tallies = _connected.Select(client => client.Tally).ToList();
        var received = tallies.Where(tally => tally.Measured > 0).ToList();
        var closes = tallies
            .Where(tally => !tally.IsOpen)
            .GroupBy(tally => tally.Failure!)
            .Select(group => new ClientClose(group.Key, group.Count()))
            .ToList();
        return new AgentReport(
            tallies.Count,
            tallies.Count(tally => tally.IsOpen),
            tallies.Sum(tally => (long)tally.ExpectedMeasured),
            tallies.Sum(tally => (long)tally.Measured),
            tallies.Sum(tally => (long)tally.Duplicated),
            tallies.Sum(tally => (long)tally.Unexpected),
            received.Count == 0 ? 0 : received.Min(tally => tally.FirstReceivedAt),
            received.Count == 0 ? 0 : received.Max(tally => tally.LastReceivedAt),
            closes,
            _latency.Snapshot());
    }
}

using System.Diagnostics;
using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Agents;

/// <summary>The subscriber agents of one run, started together and asked together.</summary>
internal sealed class AgentFleet : IAsyncDisposable
{
    private readonly List<AgentProcess> _agents;

    private AgentFleet(List<AgentProcess> agents)
    {
        _agents = agents;
    }

    /// <summary>Gets how many agents the fleet holds.</summary>
    public int Count => _agents.Count;

    /// <summary>
    /// Reads the CPU time all agents have used so far: the clients' share of a machine they share with the server.
    /// </summary>
    /// <exception cref="BenchException">An agent has ended.</exception>
    public CpuTime ReadCpu()
    {
        var total = new CpuTime(TimeSpan.Zero, TimeSpan.Zero);
        foreach (var agent in _agents)
        {
            var used = ProcStat.Read(agent.ProcessId);
            total = new CpuTime(total.User + used.User, total.System + used.System);
        }

        return total;
    }

    /// <summary>
    /// Spreads <paramref name="legacy"/> legacy and <paramref name="signalR"/> SignalR clients over
    /// <paramref name="agents"/> agents, each agent holding its share of both kinds, numbered in order.
    /// </summary>
    public static IReadOnlyList<AgentOptions> Spread(
        int legacy,
        int signalR,
        int agents,
        LegacyClientKind legacyClient,
        Uri legacyUrl,
        Uri hubUrl,
        SequencePlan plan)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);

        var spread = new List<AgentOptions>(agents);
        var firstClient = 0;
        for (var index = 0; index < agents; index++)
        {
            var legacyShare = Share(legacy, agents, index);
            var signalRShare = Share(signalR, agents, index);
            spread.Add(new AgentOptions
            {
                LegacyUrl = legacyUrl,
                HubUrl = hubUrl,
                Legacy = legacyShare,
                SignalR = signalRShare,
                LegacyClient = legacyClient,
                FirstClient = firstClient,
                Plan = plan,
            });
            firstClient += legacyShare + signalRShare;
        }

        return spread;
    }

    /// <summary>Starts one agent per entry of <paramref name="agents"/>, each logging to a file of its own.</summary>
    public static async Task<AgentFleet> StartAsync(
        IReadOnlyList<AgentOptions> agents,
        string logDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agents);

        var fleet = new AgentFleet([]);
        try
        {
            var starting = agents
                .Select((options, index) => AgentProcess.StartAsync(
                    options,
                    Path.Combine(logDirectory, $"agent-{index}.log"),
                    cancellationToken))
                .ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // Those that did start are stopped with the rest.
                fleet._agents.AddRange(starting
                    .Where(attempt => attempt.IsCompletedSuccessfully)
                    .Select(attempt => attempt.Result));
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Has every agent connect its clients at once, and returns the sum of their replies, with the span from the
    /// first connection's start to the last subscription's end on the shared clock.
    /// </summary>
    public async Task<AgentReady> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var replies = await AskAllAsync<AgentReady>(AgentJson.Connect, AgentReady.TypeName, cancellationToken);
        return new AgentReady(
            replies.Sum(reply => reply.Connected),
            replies.Sum(reply => reply.Failed),
            replies.Select(reply => reply.FirstFailure).FirstOrDefault(failure => failure is not null),
            replies.Min(reply => reply.StartedAt),
            replies.Max(reply => reply.EndedAt));
    }

    /// <summary>Gets the counts of every agent, added up.</summary>
    public async Task<AgentStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var replies = await AskAllAsync<AgentStatus>(AgentJson.Status, AgentStatus.TypeName, cancellationToken);
        return replies.Aggregate((sum, next) => sum.Plus(next));
    }

    /// <summary>Gets the report of every agent, merged.</summary>
    public async Task<AgentReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var replies = await AskAllAsync<AgentReport>(AgentJson.Report, AgentReport.TypeName, cancellationToken);
        return AgentReport.Merge(replies);
    }

    /// <summary>
    /// Polls the agents until <paramref name="done"/> holds, or until nothing has changed for
    /// <paramref name="quietTimeout"/>; returns the last status.
    /// </summary>
    public async Task<AgentStatus> WaitAsync(
        Func<AgentStatus, bool> done,
        TimeSpan quietTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(done);

        var status = await StatusAsync(cancellationToken);
        var changedAt = Stopwatch.GetTimestamp();
        while (!done(status) && Stopwatch.GetElapsedTime(changedAt) < quietTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            var next = await StatusAsync(cancellationToken);
            if (next != status)
            {
                changedAt = Stopwatch.GetTimestamp();
            }

            status = next;
        }

        return status;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_agents.Select(agent => agent.DisposeAsync().AsTask()));
    }

    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    private async Task<T[]> AskAllAsync<T>(string command, string replyType, CancellationToken cancellationToken)
        where T : class
    {
        return await Task.WhenAll(_agents.Select(agent => agent.AskAsync<T>(command, replyType, cancellationToken)));
    }
}

using Marketplace.Bench;
using Marketplace.Bench.Agents;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Agents;

/// <summary>What agents send back and how the reporting process reads and adds it up.</summary>
public sealed class AgentReportTests
{
    [Fact]
    public void Reports_of_several_agents_merge_their_counts_times_closes_and_latencies()
    {
        var first = Report(clients: 10, open: 10, expected: 100, delivered: 100, firstAt: 50, lastAt: 900, [], 1_000);
        var second = Report(
            clients: 10, open: 8, expected: 100, delivered: 70, firstAt: 40, lastAt: 800,
            [new ClientClose("closed by the server (too far behind)", 2)], 3_000);

        var merged = AgentReport.Merge([first, second]);

        Assert.Equal(20, merged.Clients);
        Assert.Equal(18, merged.Open);
        Assert.Equal(200, merged.Expected);
        Assert.Equal(170, merged.Delivered);
        Assert.Equal(30, merged.Lost);
        Assert.Equal(40, merged.FirstReceivedAt);
        Assert.Equal(900, merged.LastReceivedAt);
        Assert.Equal([new ClientClose("closed by the server (too far behind)", 2)], merged.Closes);
        Assert.Equal(2, LatencyHistogram.FromSnapshot(merged.Latency).Count);
        Assert.Equal(3_000, merged.Latency.MaxMicroseconds);
    }

    [Fact]
    public void An_agent_s_report_line_reads_back_as_it_was_written()
    {
        var report = Report(3, 2, 30, 25, 7, 9, [new ClientClose("gone", 1)], 1_500);

        var read = AgentJson.Read<AgentReport>(AgentJson.Line(report), AgentReport.TypeName);

        Assert.Equal(report.Clients, read.Clients);
        Assert.Equal(report.Lost, read.Lost);
        Assert.Equal(report.Closes, read.Closes);
        Assert.Equal(report.Latency.Buckets, read.Latency.Buckets);
        Assert.Equal(report.Latency.Counts, read.Latency.Counts);
    }

    [Theory]
    [InlineData("""{"type":"status","open":1,"warmedUp":1,"complete":1,"measured":5}""")]
    [InlineData("not json")]
    public void A_reply_of_another_type_or_no_json_is_refused(string line)
    {
        Assert.Throws<BenchException>(() => AgentJson.Read<AgentReport>(line, AgentReport.TypeName));
    }

    [Fact]
    public void Statuses_add_up()
    {
        var sum = new AgentStatus(5, 4, 3, 100).Plus(new AgentStatus(2, 2, 1, 50));

        Assert.Equal(new AgentStatus(7, 6, 4, 150), sum);
    }

    [Fact]
    public void An_agent_s_command_line_reads_back_as_the_options_it_was_made_from()
    {
        var options = new AgentOptions
        {
            LegacyUrl = new Uri("ws://127.0.0.1:4000/ws"),
            HubUrl = new Uri("http://127.0.0.1:4000/hubs/marketplace"),
            Legacy = 250,
            SignalR = 249,
            LegacyClient = LegacyClientKind.Epoll,
            FirstClient = 1000,
            Plan = new SequencePlan("bench-fanout", 4, 200, 2000),
        };

        var command = Assert.IsType<AgentCommand>(BenchCommandLine.Parse(options.ToArguments(), []));

        Assert.Equal(options, command.Options);
    }

    [Fact]
    public void Clients_spread_over_agents_evenly_and_numbered_in_order()
    {
        var spread = AgentFleet.Spread(
            5,
            4,
            2,
            LegacyClientKind.Epoll,
            new Uri("ws://h:1/ws"),
            new Uri("http://h:1/hubs/marketplace"),
            new SequencePlan("c", 1, 1, 1));

        Assert.Equal([(3, 2, 0), (2, 2, 5)], spread.Select(agent => (agent.Legacy, agent.SignalR, agent.FirstClient)));
        Assert.All(spread, agent => Assert.Equal(LegacyClientKind.Epoll, agent.LegacyClient));
    }

    private static AgentReport Report(
        int clients,
        int open,
        long expected,
        long delivered,
        long firstAt,
        long lastAt,
        IReadOnlyList<ClientClose> closes,
        long latencyMicroseconds)
    {
        var latency = new LatencyHistogram();
        latency.Record(latencyMicroseconds);
        return new AgentReport(
            clients, open, expected, delivered, 0, 0, firstAt, lastAt, closes, latency.Snapshot());
    }
}

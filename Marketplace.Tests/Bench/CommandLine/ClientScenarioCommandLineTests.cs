using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Scenarios;
using Marketplace.Bench.Scenarios.Connections;
using Marketplace.Bench.Scenarios.Fanout;

namespace Marketplace.Tests.Bench.CommandLine;

/// <summary>The command lines of the scenarios that drive clients from agent processes: fanout, connections.</summary>
public sealed class ClientScenarioCommandLineTests
{
    [Fact]
    public void Fanout_alone_runs_with_the_documented_defaults()
    {
        var run = Assert.IsType<RunCommand>(Parse("fanout"));

        var options = Assert.IsType<FanoutScenario>(run.Scenario).Options;
        Assert.Equal(1000, options.Subscribers);
        Assert.Equal(1, options.Channels);
        Assert.Equal(ClientProtocol.Legacy, options.Protocol);
        Assert.Equal(2000, options.Messages);
        Assert.Equal(200, options.Warmup);
        Assert.Equal(256, options.PayloadBytes);
        Assert.Equal(64, options.Window);
        Assert.Null(options.Rate);
        Assert.Equal(1, options.Agents);
    }

    [Fact]
    public void Fanout_options_are_read_and_the_warmup_covers_every_channel()
    {
        var run = Assert.IsType<RunCommand>(Parse(
            "fanout", "--subscribers", "10001", "--channels", "300", "--protocol", "mixed", "--rate", "50"));

        var options = Assert.IsType<FanoutScenario>(run.Scenario).Options;
        Assert.Equal(ClientProtocol.Mixed, options.Protocol);
        Assert.Equal(50, options.Rate);
        Assert.Equal(300, options.Warmup);
        Assert.Equal(3, options.Agents);
    }

    [Fact]
    public void Connections_alone_runs_with_the_documented_defaults()
    {
        var run = Assert.IsType<RunCommand>(Parse("connections", "--protocol", "signalr"));

        var options = Assert.IsType<ConnectionsScenario>(run.Scenario).Options;
        Assert.Equal(10_000, options.Connections);
        Assert.Equal(ClientProtocol.SignalR, options.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(35), options.Hold);
        Assert.Equal(2, options.Agents);
    }

    [Theory]
    [InlineData("fanout --protocol websocket", "--protocol is legacy, signalr or mixed; got 'websocket'.")]
    [InlineData("fanout --payload 10", "--payload must be a whole number from 64 to 60000; got '10'.")]
    [InlineData("fanout --subscribers 5 --channels 6", "--channels must be a whole number from 1 to 5; got '6'.")]
    [InlineData("fanout --channels 4 --warmup 3", "--warmup must be a whole number from 4 to 100000000; got '3'.")]
    [InlineData("fanout --postgres Host=a", "fanout needs no database")]
    [InlineData("connections --postgres-db Host=a", "connections needs no database")]
    [InlineData("connections --hold soon", "--hold must be a number from 0 to 86400; got 'soon'.")]
    public void A_bad_option_is_refused_with_a_sentence_that_names_it(string commandLine, string message)
    {
        var refusal = Assert.Throws<UsageException>(() => Parse(commandLine.Split(' ')));

        Assert.StartsWith(message, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fanout_help_says_how_to_lift_the_request_limit_for_a_full_speed_publisher()
    {
        var help = Assert.IsType<HelpCommand>(Parse("fanout", "--help"));

        Assert.Contains("Limits__Requests__PerSecond=1000000", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("--legacy-url", help.Text, StringComparison.Ordinal);
        Assert.All(help.Text.Split('\n'), line => Assert.True(line.Length <= 80, $"Too wide: {line}"));
    }

    [Fact]
    public void Fanout_help_says_what_the_paced_kernel_floor_measures()
    {
        var help = Assert.IsType<HelpCommand>(Parse("fanout", "--help"));

        var text = string.Join(' ', help.Text.Split('\n').Select(line => line.Trim()));
        Assert.Contains("multiple of the paced kernel floor", text, StringComparison.Ordinal);
        Assert.Contains("min(subscribers, 1000) connections", text, StringComparison.Ordinal);
    }

    private static BenchCommand Parse(params string[] arguments) =>
        BenchCommandLine.Parse(arguments, ScenarioCatalog.All);
}

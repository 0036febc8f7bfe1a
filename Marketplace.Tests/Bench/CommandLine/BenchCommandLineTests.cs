using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Scenarios;
using Marketplace.Bench.Scenarios.ChangeFeed;

namespace Marketplace.Tests.Bench.CommandLine;

/// <summary>
/// The bench's command line: a scenario name, the shared options and the scenario's own, with defaults stated
/// once and every mistake refused before anything starts, in a sentence that names the option.
/// </summary>
public sealed class BenchCommandLineTests
{
    [Fact]
    public void A_scenario_alone_runs_with_the_documented_defaults()
    {
        var run = Assert.IsType<RunCommand>(Parse("changefeed"));

        var scenario = Assert.IsType<ChangeFeedScenario>(run.Scenario);
        Assert.Equal("changefeed", scenario.Name);
        Assert.Equal(10, scenario.Options.Subscribers);
        Assert.Equal(100, scenario.Options.RowsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(20), scenario.Options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2), scenario.Options.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(15), scenario.Options.DrainTimeout);
        Assert.Equal(2000, scenario.Options.MeasuredRows);
        Assert.Equal(200, scenario.Options.WarmupRows);
        Assert.Null(run.Common.JsonPath);
        Assert.Null(run.Common.ServerUrl);
        Assert.Null(run.Common.PostgresAdmin);
        Assert.Null(run.Common.PostgresDatabase);
        Assert.False(run.Common.SkipKernelFloor);
        Assert.Empty(run.Common.ServerEnvironment);
    }

    [Fact]
    public void Options_are_read_in_both_spellings_and_server_settings_keep_their_order()
    {
        var run = Assert.IsType<RunCommand>(Parse(
            "changefeed", "--subscribers", "3", "--rate=50", "--duration", "1.5", "--warmup", "0",
            "--server-env", "ChangeFeed__Mode=Poll", "--server-env=ChangeFeed__PollInterval=00:00:01",
            "--server-env", "Weird=a=b", "--no-kernel-floor"));

        var options = Assert.IsType<ChangeFeedScenario>(run.Scenario).Options;
        Assert.Equal(3, options.Subscribers);
        Assert.Equal(50, options.RowsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Duration);
        Assert.Equal(75, options.MeasuredRows);
        Assert.Equal(1, options.WarmupRows);
        Assert.True(run.Common.SkipKernelFloor);
        KeyValuePair<string, string>[] settings =
        [
            new("ChangeFeed__Mode", "Poll"),
            new("ChangeFeed__PollInterval", "00:00:01"),
            new("Weird", "a=b"),
        ];
        Assert.Equal(settings, run.Common.ServerEnvironment);
    }

    [Fact]
    public void A_server_named_by_a_relative_path_is_found_from_the_folder_it_will_run_in()
    {
        var relative = $"server-{Guid.NewGuid():N}.dll";
        File.WriteAllText(relative, string.Empty);
        try
        {
            var run = Assert.IsType<RunCommand>(Parse("connections", "--server-dll", relative));

            Assert.True(Path.IsPathFullyQualified(run.Common.ServerDll!));
            Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), relative), run.Common.ServerDll);
        }
        finally
        {
            File.Delete(relative);
        }
    }

    [Fact]
    public void A_running_server_is_targeted_with_its_database_and_process()
    {
        var run = Assert.IsType<RunCommand>(Parse(
            "changefeed", "--server-url", "http://127.0.0.1:8000", "--server-pid", "4242",
            "--postgres-db", "Host=127.0.0.1;Database=marketplace;Username=app;Password=secret"));

        Assert.Equal(new Uri("http://127.0.0.1:8000"), run.Common.ServerUrl);
        Assert.Equal(4242, run.Common.ServerProcessId);
        Assert.Equal("Host=127.0.0.1;Database=marketplace;Username=app;Password=secret", run.Common.PostgresDatabase);
    }

    [Theory]
    [InlineData("No scenario named", "Name a scenario: changefeed, fanout")]
    [InlineData("fanin", "There is no scenario 'fanin'; the scenarios are changefeed, fanout")]
    [InlineData("changefeed --rate fast", "--rate must be a number from 0.1 to 10000; got 'fast'.")]
    [InlineData("changefeed --rate NaN", "--rate must be a number from 0.1 to 10000; got 'NaN'.")]
    [InlineData("changefeed --subscribers 0", "--subscribers must be a whole number from 1 to 100000; got '0'.")]
    [InlineData("changefeed --subscribers 2.5", "--subscribers must be a whole number from 1 to 100000; got '2.5'.")]
    [InlineData("changefeed --duration -1", "--duration must be a number from 1 to 86400; got '-1'.")]
    [InlineData("changefeed --bogus 1", "changefeed has no option '--bogus'; 'changefeed --help' lists its options.")]
    [InlineData("changefeed --rate", "--rate needs a value: --rate ROWS.")]
    [InlineData("changefeed --rate --duration 5", "--rate needs a value: --rate ROWS.")]
    [InlineData("changefeed --rate 5 --rate 6", "--rate is given more than once; give it once.")]
    [InlineData("changefeed stray", "Unexpected argument 'stray': changefeed takes only options;")]
    [InlineData("changefeed --no-kernel-floor=yes", "--no-kernel-floor is a flag and takes no value; got 'yes'.")]
    [InlineData("changefeed --server-env Mode", "--server-env takes KEY=VALUE, such as ChangeFeed__Mode=Poll;")]
    [InlineData("changefeed --server-env =Poll", "--server-env takes KEY=VALUE")]
    [InlineData("changefeed --server-url ftp://host", "--server-url takes an address such as http://127.0.0.1:8000")]
    [InlineData("changefeed --server-url http://127.0.0.1:8000", "changefeed with --server-url needs --postgres-db")]
    [InlineData("changefeed --server-pid 42", "--server-pid goes with --server-url")]
    [InlineData("changefeed --postgres Host=a --postgres-db Host=b", "--postgres and --postgres-db contradict")]
    [InlineData("changefeed --postgres Nonsense=1", "--postgres is not an Npgsql connection string")]
    [InlineData("changefeed --json /no/such/folder/report.json", "--json /no/such/folder/report.json: the folder")]
    [InlineData("changefeed --kernel-floor /no/such/floor", "--kernel-floor /no/such/floor: no such file.")]
    [InlineData(
        "changefeed --server-url http://127.0.0.1:8000 --postgres-db Host=a --server-env A=1",
        "--server-dll and --server-env configure a server the bench starts")]
    public void A_command_line_the_bench_cannot_run_is_refused_with_a_sentence_that_names_the_option(
        string commandLine,
        string message)
    {
        string[] arguments = commandLine == "No scenario named" ? [] : commandLine.Split(' ');

        var refusal = Assert.Throws<UsageException>(() => Parse(arguments));

        Assert.StartsWith(message, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_that_is_refused_does_not_echo_its_password()
    {
        var refusal = Assert.Throws<UsageException>(() => Parse(
            "changefeed", "--postgres-db", "Host=a;Password=hunter2;Bogus Keyword=1"));

        Assert.DoesNotContain("hunter2", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_lists_the_scenarios_and_the_shared_options(string flag)
    {
        var help = Assert.IsType<HelpCommand>(Parse(flag));

        Assert.Contains("  changefeed\n      Commit-to-client latency", help.Text, StringComparison.Ordinal);
        Assert.Contains("--server-env KEY=VALUE", help.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("--subscribers", help.Text, StringComparison.Ordinal);
        AssertFitsATerminal(help.Text);
    }

    [Fact]
    public void A_scenario_s_help_lists_its_own_options_even_beside_bad_ones()
    {
        var help = Assert.IsType<HelpCommand>(Parse("changefeed", "--rate", "fast", "--help"));

        Assert.Contains("--subscribers N", help.Text, StringComparison.Ordinal);
        Assert.Contains("--drain-timeout SECONDS", help.Text, StringComparison.Ordinal);
        Assert.Contains("--postgres-db CONNECTION", help.Text, StringComparison.Ordinal);
        AssertFitsATerminal(help.Text);
    }

    private static void AssertFitsATerminal(string text)
    {
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, $"Too wide for a terminal: {line}"));
    }

    private static BenchCommand Parse(params string[] arguments) =>
        BenchCommandLine.Parse(arguments, ScenarioCatalog.All);
}

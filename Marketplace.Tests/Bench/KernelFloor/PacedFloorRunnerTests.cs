using Marketplace.Bench.CommandLine;
using Marketplace.Bench.KernelFloor;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Bench.KernelFloor;

/// <summary>The paced floor: its summary line read, and the program compiled and run for real.</summary>
public sealed class PacedFloorRunnerTests : IDisposable
{
    private const string Line =
        "1000 connections x 400 rounds at 50 rounds/s (49.9 achieved), 260 bytes: 7.10 us of sender CPU per send";

    private readonly string _directory = Directory.CreateTempSubdirectory("marketplace-floor-").FullName;

    [Fact]
    public void The_figure_per_send_and_the_achieved_rate_are_read_from_the_summary_line()
    {
        Assert.Equal(7.1, KernelFloorRunner.MicrosecondsPerSend(Line));
        Assert.Equal(49.9, PacedFloorRunner.AchievedRoundsPerSecond(Line));
        Assert.Equal(12, PacedFloorRunner.AchievedRoundsPerSecond("2 rounds at 0.5 rounds/s (12 achieved)"));
    }

    [Theory]
    [InlineData("1000 connections x 500 sends of 260 bytes: 5.50 us of sender CPU per send")]
    [InlineData("receiver got 10 of 20 bytes")]
    [InlineData("")]
    public void A_line_without_the_achieved_rate_gives_none(string line)
    {
        Assert.Null(PacedFloorRunner.AchievedRoundsPerSecond(line));
    }

    [Fact]
    public async Task The_program_compiles_runs_the_plan_and_reports_its_figures()
    {
        var plan = new PacedFloorPlan(Connections: 20, RoundsPerSecond: 40, Rounds: 5);

        var result = await PacedFloorRunner.MeasureAsync(new CommonOptions(), plan, _directory)
            .WaitAsync(TestTimeouts.Default);

        Assert.Null(result.SkippedBecause);
        Assert.StartsWith("20 connections x 5 rounds at 40 rounds/s (", result.Line, StringComparison.Ordinal);
        Assert.EndsWith("./paced-floor 20 5 260 40", result.Command, StringComparison.Ordinal);
        Assert.InRange(result.MicrosecondsPerSend!.Value, 0.01, 10_000);

        // Four pauses of 25 ms between five rounds; a busy machine can only make the rounds later, never sooner.
        Assert.InRange(result.AchievedRoundsPerSecond!.Value, 1, 41);
    }

    [Fact]
    public async Task The_paced_floor_is_not_measured_when_the_command_line_says_so()
    {
        var result = await PacedFloorRunner.MeasureAsync(
            new CommonOptions { SkipKernelFloor = true },
            new PacedFloorPlan(1, 1, 1),
            _directory);

        Assert.Equal("--no-kernel-floor was given", result.SkippedBecause);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }
}

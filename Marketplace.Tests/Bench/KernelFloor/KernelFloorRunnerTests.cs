using Marketplace.Bench.CommandLine;
using Marketplace.Bench.KernelFloor;

namespace Marketplace.Tests.Bench.KernelFloor;

/// <summary>Reading the kernel floor's summary line, and leaving the floor out when asked.</summary>
public sealed class KernelFloorRunnerTests
{
    [Theory]
    [InlineData("1000 connections x 500 sends of 260 bytes: 5.50 us of sender CPU per send", 5.5)]
    [InlineData("10 connections x 5 sends of 2600 bytes: 0.81 us of sender CPU per send", 0.81)]
    [InlineData("1 connections x 1 sends of 1 bytes: 12 us of sender CPU per send", 12)]
    public void The_figure_per_send_is_read_from_the_summary_line(string line, double expected)
    {
        Assert.Equal(expected, KernelFloorRunner.MicrosecondsPerSend(line));
    }

    [Theory]
    [InlineData("receiver got 10 of 20 bytes")]
    [InlineData("")]
    public void A_line_without_the_figure_gives_none(string line)
    {
        Assert.Null(KernelFloorRunner.MicrosecondsPerSend(line));
    }

    [Fact]
    public async Task The_floor_is_not_measured_when_the_command_line_says_so()
    {
        var result = await KernelFloorRunner.MeasureAsync(
            new CommonOptions { SkipKernelFloor = true },
            Path.GetTempPath());

        Assert.Equal("--no-kernel-floor was given", result.SkippedBecause);
        Assert.Null(result.Line);
    }
}

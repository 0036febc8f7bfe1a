using Marketplace.Bench.KernelFloor;

namespace Marketplace.Tests.Bench.KernelFloor;

/// <summary>How many connections and rounds the paced floor sends for a fan-out at a fixed rate.</summary>
public sealed class PacedFloorPlanTests
{
    [Theory]
    [InlineData(1000, 50, 1000, 400)]
    [InlineData(10_000, 50, 1000, 400)]
    [InlineData(10, 50, 10, 400)]
    [InlineData(1000, 0.1, 1000, 1)]
    [InlineData(1000, 2000, 1000, 500)]
    [InlineData(100, 100_000, 100, 5000)]
    public void Rounds_last_about_eight_seconds_within_the_back_to_back_floor_s_sends(
        int subscribers,
        double rate,
        int connections,
        int rounds)
    {
        var plan = PacedFloorPlan.ForFanout(subscribers, rate);

        Assert.Equal(new PacedFloorPlan(connections, rate, rounds), plan);
    }

    [Fact]
    public void The_program_s_arguments_are_connections_rounds_frame_bytes_and_rate()
    {
        Assert.Equal(["1000", "4", "260", "0.5"], PacedFloorPlan.ForFanout(5000, 0.5).Arguments);
    }
}

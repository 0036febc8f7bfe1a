using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Scenarios;

namespace Marketplace.Bench.Reporting;

/// <summary>Everything one run of the bench reports, in the table and in the JSON document alike.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Result">The scenario's settings, figures and notes.</param>
/// <param name="KernelFloor">The kernel floor measured in the same run, or why it was not.</param>
internal sealed record BenchReport(
    string Scenario,
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    ScenarioResult Result,
    KernelFloorResult KernelFloor)
{
    /// <summary>
    /// Gets the server's CPU time per delivery over the kernel's per send: how many bare sends one delivery
    /// costs; null when either is missing.
    /// </summary>
    public double? CpuPerDeliveryOverFloor => Over(KernelFloor);

    /// <summary>
    /// Gets the paced kernel floor measured in the same run, or why it was not; null when the scenario did not
    /// publish at a fixed rate.
    /// </summary>
    public KernelFloorResult? PacedFloor { get; init; }

    /// <summary>
    /// Gets the server's CPU time per delivery over the kernel's per paced send, which pays to wake a sleeping
    /// receiver as the server's deliveries do; null when either is missing.
    /// </summary>
    public double? CpuPerDeliveryOverPacedFloor => PacedFloor is { } paced ? Over(paced) : null;

    private double? Over(KernelFloorResult floor) =>
        Result.ServerCpuPerDeliveryUs is { } perDelivery && floor.MicrosecondsPerSend is { } perSend and > 0
            ? perDelivery / perSend
            : null;
}

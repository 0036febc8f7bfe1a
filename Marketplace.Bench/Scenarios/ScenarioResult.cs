using System.Text.Json.Nodes;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;

namespace Marketplace.Bench.Scenarios;

/// <summary>What a scenario measured, with the settings it measured under.</summary>
/// <param name="Settings">
/// The settings that shape the figures (rates, counts, the server's mode), as they go into the JSON report;
/// never a connection string, which may hold a password.
/// </param>
/// <param name="Metrics">The figures, in the order the table shows them.</param>
/// <param name="Notes">Sentences a reader needs to judge the figures, such as a drain that timed out.</param>
internal sealed record ScenarioResult(
    JsonObject Settings,
    IReadOnlyList<ReportMetric> Metrics,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Gets the server's CPU time per delivery in microseconds, which the report sets beside the kernel floor;
    /// null when the scenario delivers nothing or did not measure the server.
    /// </summary>
    public double? ServerCpuPerDeliveryUs { get; init; }

    /// <summary>
    /// Gets the paced kernel floor to measure beside the scenario, rounds of sends at the rate it published;
    /// null when it published as fast as it could, or not at all.
    /// </summary>
    public PacedFloorPlan? PacedFloor { get; init; }
}

using System.Text.Json.Nodes;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;
using Marketplace.Bench.Scenarios;

namespace Marketplace.Tests.Bench.Reporting;

/// <summary>A report with a figure of each kind: measured, not measured and not a number.</summary>
internal static class ReportSamples
{
    public static readonly KernelFloorResult MeasuredFloor = new()
    {
        Command = "kernel-floor 1000 500 260",
        Line = "1000 connections x 500 sends of 260 bytes: 5.50 us of sender CPU per send",
        MicrosecondsPerSend = 5.5,
    };

    public static BenchReport Report(KernelFloorResult floor) => new(
        "changefeed",
        new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.FromHours(2)),
        new MachineInfo(2, "Debian GNU/Linux 12 (bookworm)", ".NET 10.0.0"),
        new ScenarioResult(
            new JsonObject
            {
                ["subscribers"] = 10,
                ["serverEnv"] = new JsonArray("ChangeFeed__Mode=Poll"),
                ["database"] = "created on a throwaway cluster",
            },
            [
                new ReportMetric("deliveries", "deliveries received", 20000, "messages"),
                new ReportMetric("latencyP99Ms", "latency p99", 7.5645, "ms", 2),
                new ReportMetric("serverCpuPerDeliveryUs", "server CPU per delivery", null, "us", 2),
                new ReportMetric("writeRatePerSecond", "write rate achieved", double.NaN, "rows/s", 1),
            ],
            ["Server CPU was not measured: give the running server's process id with --server-pid."]),
        floor);
}

using System.Text.Json;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;

namespace Marketplace.Tests.Bench.Reporting;

/// <summary>The server's CPU per delivery set beside the kernel floor of the same run, in both reports.</summary>
public sealed class KernelFloorRatioTests
{
    [Fact]
    public void The_table_and_the_JSON_give_the_CPU_per_delivery_as_a_multiple_of_the_floor()
    {
        var report = WithCpuPerDelivery(ReportSamples.MeasuredFloor, 13.75);
        var table = new StringWriter();

        TableReportWriter.Write(report, table);
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));

        Assert.Equal(2.5, report.CpuPerDeliveryOverFloor);
        Assert.Contains(
            "server CPU per delivery: 13.75 us, 2.50 x the kernel floor",
            table.ToString(),
            StringComparison.Ordinal);
        var floor = json.RootElement.GetProperty("kernelFloor");
        Assert.Equal(2.5, floor.GetProperty("serverCpuPerDeliveryOverFloor").GetDouble());
    }

    [Fact]
    public void Without_a_floor_the_CPU_per_delivery_stands_alone()
    {
        var report = WithCpuPerDelivery(KernelFloorResult.Skipped("--no-kernel-floor was given"), 13.75);
        var table = new StringWriter();

        TableReportWriter.Write(report, table);

        Assert.Null(report.CpuPerDeliveryOverFloor);
        Assert.Contains(
            "server CPU per delivery: 13.75 us\n",
            table.ToString().ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    private static BenchReport WithCpuPerDelivery(KernelFloorResult floor, double microseconds)
    {
        var report = ReportSamples.Report(floor);
        return report with { Result = report.Result with { ServerCpuPerDeliveryUs = microseconds } };
    }
}

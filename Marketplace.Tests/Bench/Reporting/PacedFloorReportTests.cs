using System.Text.Json;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;

namespace Marketplace.Tests.Bench.Reporting;

/// <summary>The paced kernel floor beside the plain one, in the table and the JSON, for a fan-out at a rate.</summary>
public sealed class PacedFloorReportTests
{
    private static readonly KernelFloorResult MeasuredPacedFloor = new()
    {
        Command = "gcc -O2 -o paced-floor paced-floor.c && ./paced-floor 1000 400 260 50",
        Line = "1000 connections x 400 rounds at 50 rounds/s (49.9 achieved), 260 bytes: " +
            "11.00 us of sender CPU per send",
        MicrosecondsPerSend = 11,
        AchievedRoundsPerSecond = 49.9,
    };

    [Fact]
    public void The_table_gives_both_floors_and_the_CPU_per_delivery_as_a_multiple_of_each()
    {
        var lines = Write(Report(MeasuredPacedFloor));

        Assert.Equal(
            [
                "kernel floor: 1000 connections x 500 sends of 260 bytes: 5.50 us of sender CPU per send",
                "paced kernel floor: " + MeasuredPacedFloor.Line,
                "server CPU per delivery: 13.75 us, 2.50 x the kernel floor, 1.25 x the paced kernel floor",
            ],
            lines[^4..^1]);
    }

    [Fact]
    public void The_JSON_gives_the_paced_floor_its_own_section_after_the_plain_one()
    {
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(Report(MeasuredPacedFloor)));

        var root = json.RootElement;
        Assert.Equal(
            ["scenario", "startedAtUtc", "machine", "settings", "metrics", "kernelFloor", "pacedKernelFloor", "notes"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal(
            ["measured", "command", "line", "microsecondsPerSend", "serverCpuPerDeliveryOverFloor"],
            root.GetProperty("kernelFloor").EnumerateObject().Select(property => property.Name));
        var paced = root.GetProperty("pacedKernelFloor");
        Assert.True(paced.GetProperty("measured").GetBoolean());
        Assert.Equal(MeasuredPacedFloor.Command, paced.GetProperty("command").GetString());
        Assert.Equal(11, paced.GetProperty("microsecondsPerSend").GetDouble());
        Assert.Equal(49.9, paced.GetProperty("achievedRoundsPerSecond").GetDouble());
        Assert.Equal(1.25, paced.GetProperty("serverCpuPerDeliveryOverFloor").GetDouble());
        Assert.Equal(2.5, root.GetProperty("kernelFloor").GetProperty("serverCpuPerDeliveryOverFloor").GetDouble());
    }

    [Fact]
    public void A_paced_floor_that_was_not_measured_says_why_and_leaves_the_plain_ratio_alone()
    {
        var report = Report(KernelFloorResult.Skipped("gcc was not found"));

        var lines = Write(report);
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));

        Assert.Null(report.CpuPerDeliveryOverPacedFloor);
        Assert.Contains("paced kernel floor: not measured (gcc was not found)", lines);
        Assert.Contains("server CPU per delivery: 13.75 us, 2.50 x the kernel floor", lines);
        Assert.Equal(
            ["measured", "skippedBecause"],
            json.RootElement.GetProperty("pacedKernelFloor").EnumerateObject().Select(property => property.Name));
    }

    private static BenchReport Report(KernelFloorResult pacedFloor)
    {
        var report = ReportSamples.Report(ReportSamples.MeasuredFloor);
        return report with
        {
            Result = report.Result with { ServerCpuPerDeliveryUs = 13.75 },
            PacedFloor = pacedFloor,
        };
    }

    private static string[] Write(BenchReport report)
    {
        using var output = new StringWriter { NewLine = "\n" };
        TableReportWriter.Write(report, output);
        return output.ToString().TrimEnd('\n').Split('\n');
    }
}

using System.Text.Json;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;

namespace Marketplace.Tests.Bench.Reporting;

/// <summary>The JSON report: one document whose shape scripts and BENCHMARKS.md can rely on.</summary>
public sealed class JsonReportWriterTests
{
    [Fact]
    public void The_report_has_its_sections_in_order_and_nothing_else()
    {
        using var json = Parse(ReportSamples.Report(ReportSamples.MeasuredFloor));

        var root = json.RootElement;
        Assert.Equal(
            ["scenario", "startedAtUtc", "machine", "settings", "metrics", "kernelFloor", "notes"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("changefeed", root.GetProperty("scenario").GetString());
        Assert.Equal(
            new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero),
            root.GetProperty("startedAtUtc").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, root.GetProperty("startedAtUtc").GetDateTimeOffset().Offset);
        Assert.Equal(2, root.GetProperty("machine").GetProperty("processors").GetInt32());
        Assert.Equal(".NET 10.0.0", root.GetProperty("machine").GetProperty("runtime").GetString());
    }

    [Fact]
    public void Settings_keep_their_json_types()
    {
        using var json = Parse(ReportSamples.Report(ReportSamples.MeasuredFloor));

        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(10, settings.GetProperty("subscribers").GetInt32());
        Assert.Equal("ChangeFeed__Mode=Poll", settings.GetProperty("serverEnv")[0].GetString());
        Assert.Equal("created on a throwaway cluster", settings.GetProperty("database").GetString());
    }

    [Fact]
    public void Metrics_are_numbers_by_key_with_every_decimal_and_null_when_not_measured()
    {
        using var json = Parse(ReportSamples.Report(ReportSamples.MeasuredFloor));

        var metrics = json.RootElement.GetProperty("metrics");
        Assert.Equal(
            ["deliveries", "latencyP99Ms", "serverCpuPerDeliveryUs", "writeRatePerSecond"],
            metrics.EnumerateObject().Select(property => property.Name));
        Assert.Equal(20000, metrics.GetProperty("deliveries").GetInt32());
        Assert.Equal(7.5645, metrics.GetProperty("latencyP99Ms").GetDouble());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("serverCpuPerDeliveryUs").ValueKind);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("writeRatePerSecond").ValueKind);
    }

    [Fact]
    public void A_measured_kernel_floor_carries_its_line_and_figure()
    {
        using var json = Parse(ReportSamples.Report(ReportSamples.MeasuredFloor));

        var floor = json.RootElement.GetProperty("kernelFloor");
        Assert.True(floor.GetProperty("measured").GetBoolean());
        Assert.Equal("kernel-floor 1000 500 260", floor.GetProperty("command").GetString());
        Assert.Equal(ReportSamples.MeasuredFloor.Line, floor.GetProperty("line").GetString());
        Assert.Equal(5.5, floor.GetProperty("microsecondsPerSend").GetDouble());
        Assert.Equal(
            "Server CPU was not measured: give the running server's process id with --server-pid.",
            Assert.Single(json.RootElement.GetProperty("notes").EnumerateArray()).GetString());
    }

    [Fact]
    public void A_skipped_kernel_floor_says_why_and_nothing_more()
    {
        var report = ReportSamples.Report(KernelFloorResult.Skipped("--no-kernel-floor was given"));

        using var json = Parse(report);

        var floor = json.RootElement.GetProperty("kernelFloor");
        Assert.Equal(["measured", "skippedBecause"], floor.EnumerateObject().Select(property => property.Name));
        Assert.False(floor.GetProperty("measured").GetBoolean());
        Assert.Equal("--no-kernel-floor was given", floor.GetProperty("skippedBecause").GetString());
    }

    private static JsonDocument Parse(BenchReport report) => JsonDocument.Parse(JsonReportWriter.ToJson(report));
}

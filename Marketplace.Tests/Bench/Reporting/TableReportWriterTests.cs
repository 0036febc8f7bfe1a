using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;

namespace Marketplace.Tests.Bench.Reporting;

/// <summary>The table a person reads: aligned figures with their units, the floor and the notes.</summary>
public sealed class TableReportWriterTests
{
    [Fact]
    public void Figures_are_right_aligned_with_their_decimals_and_units()
    {
        var lines = Write(ReportSamples.Report(ReportSamples.MeasuredFloor));

        Assert.Equal("changefeed, started 2026-12-03 16:00:00Z on 2 processors (Debian GNU/Linux 12 (bookworm), " +
            ".NET 10.0.0)", lines[0]);
        Assert.Contains("  metric                    value  unit", lines);
        Assert.Contains("  deliveries received      20,000  messages", lines);
        Assert.Contains("  latency p99                7.56  ms", lines);
        Assert.Contains("  server CPU per delivery     n/a  us", lines);
        Assert.Contains("  write rate achieved         n/a  rows/s", lines);
    }

    [Fact]
    public void Settings_show_strings_bare_and_other_values_as_json()
    {
        var lines = Write(ReportSamples.Report(ReportSamples.MeasuredFloor));

        Assert.Contains("  subscribers  10", lines);
        Assert.Contains("  serverEnv    [\"ChangeFeed__Mode=Poll\"]", lines);
        Assert.Contains("  database     created on a throwaway cluster", lines);
    }

    [Fact]
    public void The_kernel_floor_and_the_notes_close_the_table()
    {
        var measured = Write(ReportSamples.Report(ReportSamples.MeasuredFloor));
        var skipped = Write(ReportSamples.Report(KernelFloorResult.Skipped("gcc was not found")));

        Assert.Equal(
            [
                "kernel floor: 1000 connections x 500 sends of 260 bytes: 5.50 us of sender CPU per send",
                "note: Server CPU was not measured: give the running server's process id with --server-pid.",
            ],
            measured[^2..]);
        Assert.Equal("kernel floor: not measured (gcc was not found)", skipped[^2]);
    }

    private static string[] Write(BenchReport report)
    {
        using var output = new StringWriter { NewLine = "\n" };
        TableReportWriter.Write(report, output);
        return output.ToString().TrimEnd('\n').Split('\n');
    }
}

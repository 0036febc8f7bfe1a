using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Bench.KernelFloor;

namespace Marketplace.Bench.Reporting;

/// <summary>Writes a report as plain text for a person: a heading, the settings, the figures, the notes.</summary>
internal static class TableReportWriter
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(BenchReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        var machine = report.Machine;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Scenario}, started {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z on " +
            $"{machine.Processors} processors ({machine.OperatingSystem}, {machine.Runtime})"));
        output.WriteLine();

        var settings = report.Result.Settings.Select(pair => new[] { pair.Key, SettingText(pair.Value) }).ToList();
        WriteTable(output, ["setting", "value"], settings, rightAligned: [false, false]);
        output.WriteLine();

        var metrics = report.Result.Metrics.Select(metric => new[] { metric.Label, ValueText(metric), metric.Unit });
        WriteTable(output, ["metric", "value", "unit"], metrics.ToList(), rightAligned: [false, true, false]);
        output.WriteLine();

        WriteFloor(output, "kernel floor", report.KernelFloor);
        if (report.PacedFloor is { } pacedFloor)
        {
            WriteFloor(output, "paced kernel floor", pacedFloor);
        }

        if (report.Result.ServerCpuPerDeliveryUs is { } perDelivery)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"server CPU per delivery: {perDelivery:0.00} us" +
                $"{Ratio(report.CpuPerDeliveryOverFloor, "kernel floor")}" +
                $"{Ratio(report.CpuPerDeliveryOverPacedFloor, "paced kernel floor")}"));
        }

        foreach (var note in report.Result.Notes)
        {
            output.WriteLine($"note: {note}");
        }
    }

    private static void WriteFloor(TextWriter output, string name, KernelFloorResult floor)
    {
        output.WriteLine(floor.SkippedBecause is { } reason
            ? $"{name}: not measured ({reason})"
            : $"{name}: {floor.Line}");
    }

    private static string Ratio(double? times, string floorName)
    {
        return times is { } ratio
            ? string.Create(CultureInfo.InvariantCulture, $", {ratio:0.00} x the {floorName}")
            : string.Empty;
    }

    private static void WriteTable(
        TextWriter output,
        string[] heading,
        IReadOnlyList<string[]> rows,
        bool[] rightAligned)
    {
        var widths = heading
            .Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max())
            .ToArray();

        foreach (var row in rows.Prepend(heading))
        {
            var cells = row.Select((cell, column) =>
                rightAligned[column] ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
            output.WriteLine(("  " + string.Join("  ", cells)).TrimEnd());
        }
    }

    private static string ValueText(ReportMetric metric)
    {
        var format = "N" + metric.Decimals.ToString(CultureInfo.InvariantCulture);
        return metric.Value is { } number && double.IsFinite(number)
            ? number.ToString(format, CultureInfo.InvariantCulture)
            : "n/a";
    }

    private static string SettingText(JsonNode? value)
    {
        return value switch
        {
            null => "none",
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            _ => value.ToJsonString(),
        };
    }
}

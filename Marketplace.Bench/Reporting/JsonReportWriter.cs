using System.Buffers;
using System.Text;
using System.Text.Json;
using Marketplace.Bench.KernelFloor;

namespace Marketplace.Bench.Reporting;

/// <summary>
/// Writes a report as one JSON document: <c>scenario</c>, <c>startedAtUtc</c>, <c>machine</c>, <c>settings</c>,
/// <c>metrics</c> (each key ends in its unit; null when not measured), <c>kernelFloor</c>,
/// <c>pacedKernelFloor</c> (only for a scenario that published at a fixed rate) and <c>notes</c>.
/// </summary>
internal static class JsonReportWriter
{
    /// <summary>Returns <paramref name="report"/> as indented JSON.</summary>
    public static string ToJson(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, report);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, BenchReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("scenario", report.Scenario);
        writer.WriteString("startedAtUtc", report.StartedAt.ToUniversalTime());

        writer.WriteStartObject("machine");
        writer.WriteNumber("processors", report.Machine.Processors);
        writer.WriteString("os", report.Machine.OperatingSystem);
        writer.WriteString("runtime", report.Machine.Runtime);
        writer.WriteEndObject();

        writer.WritePropertyName("settings");
        report.Result.Settings.WriteTo(writer);

        writer.WriteStartObject("metrics");
        foreach (var metric in report.Result.Metrics)
        {
            WriteNumberOrNull(writer, metric.Key, metric.Value);
        }

        writer.WriteEndObject();

        WriteFloor(writer, "kernelFloor", report.KernelFloor, report.CpuPerDeliveryOverFloor);
        if (report.PacedFloor is { } pacedFloor)
        {
            WriteFloor(writer, "pacedKernelFloor", pacedFloor, report.CpuPerDeliveryOverPacedFloor);
        }

        writer.WriteStartArray("notes");
        foreach (var note in report.Result.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFloor(
        Utf8JsonWriter writer,
        string name,
        KernelFloorResult floor,
        double? cpuPerDeliveryOverFloor)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("measured", floor.SkippedBecause is null);
        if (floor.SkippedBecause is not null)
        {
            writer.WriteString("skippedBecause", floor.SkippedBecause);
        }
        else
        {
            writer.WriteString("command", floor.Command);
            writer.WriteString("line", floor.Line);
            WriteNumberOrNull(writer, "microsecondsPerSend", floor.MicrosecondsPerSend);

            // Only the paced floor has a rate; the back-to-back floor's object keeps the shape it always had.
            if (floor.AchievedRoundsPerSecond is { } achieved)
            {
                writer.WriteNumber("achievedRoundsPerSecond", achieved);
            }

            // How many bare sends one delivery costs the server; issue 5's targets are set in the back-to-back one.
            WriteNumberOrNull(writer, "serverCpuPerDeliveryOverFloor", cpuPerDeliveryOverFloor);
        }

        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        // JSON has no NaN or infinity; a figure that is not a number was not measured.
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

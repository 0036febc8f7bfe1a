using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Marketplace.Bench.Reporting;

/// <summary>
/// Writes a report as one JSON document: <c>scenario</c>, <c>startedAtUtc</c>, <c>machine</c>, <c>settings</c>,
/// <c>metrics</c> (each key ends in its unit; null when not measured), <c>kernelFloor</c> and <c>notes</c>.
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

        WriteKernelFloor(writer, report);

        writer.WriteStartArray("notes");
        foreach (var note in report.Result.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteKernelFloor(Utf8JsonWriter writer, BenchReport report)
    {
        var floor = report.KernelFloor;
        writer.WriteStartObject("kernelFloor");
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

            // How many bare sends one delivery costs the server: the figure issue 5's targets are set in.
            WriteNumberOrNull(writer, "serverCpuPerDeliveryOverFloor", report.CpuPerDeliveryOverFloor);
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

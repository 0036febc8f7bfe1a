using System.Globalization;
using Marketplace.Bench.Internal;

namespace Marketplace.Bench.Measurement;

/// <summary>
/// Reads a process's CPU time from the kernel's own counters in <c>/proc/&lt;pid&gt;/stat</c>, which go on
/// counting whatever else shares the machine: the figure that stays comparable between runs.
/// </summary>
internal static class ProcStat
{
    // Fields 14 and 15 of proc(5), counted from the state (field 3), the first after the command name.
    private const int UserTimeIndex = 14 - 3;
    private const int SystemTimeIndex = 15 - 3;

    private static readonly Lazy<long> ClockTicks = new(Libc.ClockTicksPerSecond);

    /// <summary>Reads the CPU time process <paramref name="processId"/> has used so far.</summary>
    /// <exception cref="BenchException">The process has ended or its counters cannot be read.</exception>
    public static CpuTime Read(int processId)
    {
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException exception)
        {
            throw new BenchException(
                $"Cannot read the CPU time of process {processId}: it has ended or is not on this machine.",
                exception);
        }

        return Parse(line, ClockTicks.Value);
    }

    /// <summary>Reads user and system time from one <c>stat</c> line, counted in clock ticks.</summary>
    /// <exception cref="FormatException">The line is not a <c>stat</c> line.</exception>
    public static CpuTime Parse(string line, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);

        // The command name is in parentheses and may hold spaces and parentheses itself, so the fields are
        // counted from the last closing parenthesis, never from the start.
        var nameEnd = line.LastIndexOf(')');
        if (nameEnd < 0)
        {
            throw new FormatException("A /proc stat line holds the command name in parentheses; this one has none.");
        }

        var fields = line[(nameEnd + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= SystemTimeIndex)
        {
            throw new FormatException(
                $"A /proc stat line has at least 15 fields; this one ends after {fields.Length + 2}.");
        }

        return new CpuTime(
            Ticks(fields[UserTimeIndex], ticksPerSecond),
            Ticks(fields[SystemTimeIndex], ticksPerSecond));
    }

    private static TimeSpan Ticks(string field, long ticksPerSecond)
    {
        if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new FormatException($"A CPU time in a /proc stat line is a count of clock ticks, not '{field}'.");
        }

        return TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / ticksPerSecond);
    }
}

using System.Globalization;

namespace Marketplace.Bench.Measurement;

/// <summary>
/// Reads a process's resident memory from <c>/proc/&lt;pid&gt;/status</c>: what Windows calls its working set,
/// the memory the process occupies, managed heap and native memory alike.
/// </summary>
internal static class ProcStatus
{
    private const string ResidentField = "VmRSS:";

    /// <summary>Reads the resident memory of process <paramref name="processId"/>, in bytes.</summary>
    /// <exception cref="BenchException">The process has ended or its status cannot be read.</exception>
    public static long ReadResidentBytes(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/status");
        }
        catch (IOException exception)
        {
            throw new BenchException(
                $"Cannot read the memory of process {processId}: it has ended or is not on this machine.",
                exception);
        }

        return ParseResidentBytes(text);
    }

    /// <summary>Reads the <c>VmRSS</c> line of a <c>status</c> file, given in kB (kibibytes), as bytes.</summary>
    /// <exception cref="FormatException">The text has no well-formed <c>VmRSS</c> line.</exception>
    public static long ParseResidentBytes(string status)
    {
        ArgumentNullException.ThrowIfNull(status);

        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith(ResidentField, StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line[ResidentField.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[1] == "kB"
                && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kibibytes))
            {
                return kibibytes * 1024;
            }

            throw new FormatException($"A VmRSS line reads like 'VmRSS:  1234 kB', not '{line.Trim()}'.");
        }

        throw new FormatException("The status text has no VmRSS line; kernel threads and zombies have none.");
    }
}

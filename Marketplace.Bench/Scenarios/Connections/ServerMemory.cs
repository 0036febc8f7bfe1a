using Marketplace.Bench.Reporting;

namespace Marketplace.Bench.Scenarios.Connections;

/// <summary>
/// The server's memory at the three moments of a <c>connections</c> run, with the figures and notes the report
/// makes of it.
/// </summary>
/// <param name="Before">Before the first connection.</param>
/// <param name="Connected">Once every connection was made.</param>
/// <param name="AfterHold">After the hold.</param>
internal sealed record ServerMemory(MemoryReading Before, MemoryReading Connected, MemoryReading AfterHold)
{
    private const double Mebibyte = 1024.0 * 1024.0;

    /// <summary>
    /// Gets the figures: resident set and managed heap at each moment, and each one's growth from
    /// <see cref="Before"/> per connection, over the <paramref name="connected"/> connections made and the
    /// <paramref name="open"/> still open after the hold.
    /// </summary>
    public IReadOnlyList<ReportMetric> Metrics(int connected, int open)
    {
        return
        [
            new("serverRssBeforeMiB", "server RSS before", Before.ResidentBytes / Mebibyte, "MiB", 1),
            new("serverRssConnectedMiB", "server RSS once connected", Connected.ResidentBytes / Mebibyte, "MiB", 1),
            new("serverRssAfterHoldMiB", "server RSS after the hold", AfterHold.ResidentBytes / Mebibyte, "MiB", 1),
            new("serverRssPerConnectionConnectedKiB", "server RSS per connection, connected",
                PerConnectionKibibytes(Before.ResidentBytes, Connected.ResidentBytes, connected), "KiB", 1),
            new("serverRssPerConnectionAfterHoldKiB", "server RSS per connection, after the hold",
                PerConnectionKibibytes(Before.ResidentBytes, AfterHold.ResidentBytes, open), "KiB", 1),
            new("serverHeapBeforeMiB", "server managed heap before", Before.Heap?.TotalBytes / Mebibyte, "MiB", 1),
            new("serverHeapConnectedMiB", "server managed heap once connected",
                Connected.Heap?.TotalBytes / Mebibyte, "MiB", 1),
            new("serverHeapAfterHoldMiB", "server managed heap after the hold",
                AfterHold.Heap?.TotalBytes / Mebibyte, "MiB", 1),
            new("serverHeapPerConnectionConnectedKiB", "server managed heap per connection, connected",
                PerConnectionKibibytes(Before.Heap?.TotalBytes, Connected.Heap?.TotalBytes, connected), "KiB", 2),
            new("serverHeapPerConnectionAfterHoldKiB", "server managed heap per connection, after the hold",
                PerConnectionKibibytes(Before.Heap?.TotalBytes, AfterHold.Heap?.TotalBytes, open), "KiB", 2),
            new("serverLiveConnectedMiB", "server live objects once connected",
                Connected.Heap?.SurvivedBytes / Mebibyte, "MiB", 1),
            new("serverLivePerConnectionConnectedKiB", "server live objects per connection, connected",
                PerConnectionKibibytes(Before.Heap?.SurvivedBytes, Connected.Heap?.SurvivedBytes, connected),
                "KiB", 2),
            new("serverLivePerConnectionAfterHoldKiB", "server live objects per connection, after the hold",
                PerConnectionKibibytes(Before.Heap?.SurvivedBytes, AfterHold.Heap?.SurvivedBytes, open), "KiB", 2),
        ];
    }

    /// <summary>Gets what a reader must know to judge the figures: which readings followed a forced GC.</summary>
    public IReadOnlyList<string> Notes()
    {
        MemoryReading[] readings = [Before, Connected, AfterHold];
        if (readings.All(reading => reading.ResidentBytes is null))
        {
            return ["Server memory was not measured: give the running server's process id with --server-pid."];
        }

        string[] moments = ["before", "once connected", "after the hold"];
        var forced = moments.Where((_, index) => readings[index].AfterForcedGc).ToList();
        var unforced = moments.Where((_, index) => !readings[index].AfterForcedGc).ToList();
        var reason = readings.Select(reading => reading.UnforcedBecause).FirstOrDefault(text => text is not null);

        if (unforced.Count == 0)
        {
            return
            [
                "Each memory reading (before, once connected, after the hold) followed a full blocking GC that the " +
                "bench induced in the server through its diagnostics port, as dotnet-gcdump does. Live objects are " +
                "what survived it; the managed heap adds the free space the GC left between them, and RSS still " +
                "counts memory the GC freed but has not yet given back to the system.",
            ];
        }

        if (forced.Count == 0)
        {
            return
            [
                $"No GC could be forced in the server ({reason}), so memory is its resident set (VmRSS) as it " +
                "was: garbage not yet collected counts, and RSS per connection is an upper bound. The managed heap " +
                "was not measured.",
            ];
        }

        return
        [
            $"{Capitalized(Moments(forced))} followed a full blocking GC that the bench induced in the server; " +
            $"{Moments(unforced)} did not ({reason}): without it, a reading counts garbage not yet collected, " +
            "which skews any growth worked out from it, and has no managed heap.",
        ];
    }

    private static string Moments(List<string> moments)
    {
        var quoted = moments.Select(moment => $"'{moment}'").ToList();
        return quoted.Count == 1
            ? $"the reading {quoted[0]}"
            : $"the readings {string.Join(", ", quoted[..^1])} and {quoted[^1]}";
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static double? PerConnectionKibibytes(long? before, long? after, int connections)
    {
        return before is { } first && after is { } last && connections > 0
            ? (last - first) / 1024.0 / connections
            : null;
    }
}

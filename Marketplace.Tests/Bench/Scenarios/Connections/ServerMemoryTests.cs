using Marketplace.Bench.Measurement;
using Marketplace.Bench.Reporting;
using Marketplace.Bench.Scenarios.Connections;

namespace Marketplace.Tests.Bench.Scenarios.Connections;

/// <summary>The server's memory in a <c>connections</c> report: figures per connection, and honest notes.</summary>
public sealed class ServerMemoryTests
{
    private const long Mebibyte = 1024 * 1024;

    [Fact]
    public void Growth_per_connection_is_worked_out_for_the_resident_set_and_the_managed_heap()
    {
        var memory = new ServerMemory(
            Forced(100 * Mebibyte, 10 * Mebibyte),
            Forced(120 * Mebibyte, 15 * Mebibyte),
            Forced(130 * Mebibyte, 14 * Mebibyte));

        var metrics = ByKey(memory.Metrics(connected: 1024, open: 512));

        Assert.Equal(100, metrics["serverRssBeforeMiB"]);
        Assert.Equal(20, metrics["serverRssPerConnectionConnectedKiB"]);
        Assert.Equal(60, metrics["serverRssPerConnectionAfterHoldKiB"]);
        Assert.Equal(10, metrics["serverHeapBeforeMiB"]);
        Assert.Equal(15, metrics["serverHeapConnectedMiB"]);
        Assert.Equal(14, metrics["serverHeapAfterHoldMiB"]);
        Assert.Equal(5, metrics["serverHeapPerConnectionConnectedKiB"]);
        Assert.Equal(8, metrics["serverHeapPerConnectionAfterHoldKiB"]);
    }

    [Fact]
    public void Live_objects_per_connection_leave_out_the_free_space_between_them()
    {
        var memory = new ServerMemory(
            Forced(100 * Mebibyte, 10 * Mebibyte, survived: 8 * Mebibyte),
            Forced(120 * Mebibyte, 15 * Mebibyte, survived: 10 * Mebibyte),
            Forced(130 * Mebibyte, 14 * Mebibyte, survived: 11 * Mebibyte));

        var metrics = ByKey(memory.Metrics(connected: 1024, open: 512));

        Assert.Equal(10, metrics["serverLiveConnectedMiB"]);
        Assert.Equal(2, metrics["serverLivePerConnectionConnectedKiB"]);
        Assert.Equal(6, metrics["serverLivePerConnectionAfterHoldKiB"]);
        Assert.Equal(5, metrics["serverHeapPerConnectionConnectedKiB"]);
    }

    [Fact]
    public void Readings_after_a_forced_GC_say_so()
    {
        var memory = new ServerMemory(Forced(1, 1), Forced(2, 2), Forced(3, 3));

        var note = Assert.Single(memory.Notes());

        Assert.StartsWith(
            "Each memory reading (before, once connected, after the hold) followed a full blocking GC",
            note,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_forced_GC_the_resident_set_is_an_upper_bound_and_the_heap_is_missing()
    {
        var unforced = new MemoryReading(50 * Mebibyte, null, "no diagnostics port");
        var memory = new ServerMemory(unforced, unforced with { ResidentBytes = 60 * Mebibyte }, unforced);

        var metrics = ByKey(memory.Metrics(connected: 10, open: 10));
        var note = Assert.Single(memory.Notes());

        Assert.Equal(1024, metrics["serverRssPerConnectionConnectedKiB"]);
        Assert.Null(metrics["serverHeapBeforeMiB"]);
        Assert.Null(metrics["serverHeapPerConnectionAfterHoldKiB"]);
        Assert.StartsWith("No GC could be forced in the server (no diagnostics port)", note, StringComparison.Ordinal);
        Assert.Contains("upper bound", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mix_of_forced_and_unforced_readings_names_each_kind()
    {
        var memory = new ServerMemory(
            Forced(1, 1),
            new MemoryReading(2, null, "the session timed out"),
            Forced(3, 3));

        var note = Assert.Single(memory.Notes());

        Assert.StartsWith(
            "The readings 'before' and 'after the hold' followed a full blocking GC that the bench induced in the " +
            "server; the reading 'once connected' did not (the session timed out)",
            note,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_whose_process_is_unknown_has_no_memory_figures()
    {
        var memory = new ServerMemory(MemoryReading.None, MemoryReading.None, MemoryReading.None);

        Assert.All(memory.Metrics(10, 10), metric => Assert.Null(metric.Value));
        Assert.Equal(
            ["Server memory was not measured: give the running server's process id with --server-pid."],
            memory.Notes());
    }

    private static Dictionary<string, double?> ByKey(IEnumerable<ReportMetric> metrics) =>
        metrics.ToDictionary(metric => metric.Key, metric => metric.Value);

    private static MemoryReading Forced(long resident, long heap, long survived = 0) =>
        new(resident, new ManagedHeap(0, 0, heap, 0, 0) { SurvivedBytes = survived }, null);
}

using Marketplace.Bench.Measurement;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>Picking the induced collection's heap out of a session's GC events.</summary>
public sealed class InducedCollectionWatchTests
{
    private static readonly ManagedHeap Earlier = new(4_000, 3_000, 2_000, 1_000, 500);
    private static readonly ManagedHeap Induced = new(0, 100, 20_000, 8_000, 800);

    [Fact]
    public void The_heap_is_the_one_after_the_induced_full_blocking_collection()
    {
        var watch = new InducedCollectionWatch();

        watch.OnStart(7, 0, GCReason.AllocSmall, GCType.NonConcurrentGC);
        watch.OnEnd(7);
        watch.OnHeapStats(Earlier);
        watch.OnStart(8, 2, GCReason.Induced, GCType.NonConcurrentGC);
        watch.OnEnd(8);
        watch.OnHeapStats(Induced);
        watch.OnStart(9, 1, GCReason.AllocSmall, GCType.NonConcurrentGC);
        watch.OnEnd(9);
        watch.OnHeapStats(Earlier);

        Assert.Same(Induced, watch.Heap);
        Assert.Equal(28_900, watch.Heap!.TotalBytes);
    }

    [Fact]
    public void Statistics_of_a_collection_that_ended_before_the_induced_one_are_passed_over()
    {
        var watch = new InducedCollectionWatch();

        watch.OnStart(3, 2, GCReason.Induced, GCType.NonConcurrentGC);
        watch.OnEnd(2);
        watch.OnHeapStats(Earlier);

        Assert.Null(watch.Heap);
    }

    [Theory]
    [InlineData(2, GCReason.AllocSmall, GCType.NonConcurrentGC)]
    [InlineData(1, GCReason.Induced, GCType.NonConcurrentGC)]
    [InlineData(2, GCReason.Induced, GCType.BackgroundGC)]
    [InlineData(2, GCReason.InducedNotForced, GCType.NonConcurrentGC)]
    public void A_collection_that_is_not_induced_full_and_blocking_gives_no_heap(
        int depth,
        GCReason reason,
        GCType type)
    {
        var watch = new InducedCollectionWatch();

        watch.OnStart(5, depth, reason, type);
        watch.OnEnd(5);
        watch.OnHeapStats(Earlier);

        Assert.Null(watch.Heap);
    }
}

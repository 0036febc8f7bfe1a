namespace Marketplace.Bench.Measurement;

/// <summary>
/// A process's managed heap right after a collection, by generation, as the runtime's <c>GC/HeapStats</c> event
/// gives it: what survived, plus whatever the collection could not free.
/// </summary>
/// <param name="Gen0Bytes">Generation 0.</param>
/// <param name="Gen1Bytes">Generation 1.</param>
/// <param name="Gen2Bytes">Generation 2.</param>
/// <param name="LargeObjectBytes">The large object heap.</param>
/// <param name="PinnedObjectBytes">The pinned object heap.</param>
internal sealed record ManagedHeap(
    long Gen0Bytes,
    long Gen1Bytes,
    long Gen2Bytes,
    long LargeObjectBytes,
    long PinnedObjectBytes)
{
    /// <summary>Gets the whole managed heap: every generation and both special heaps.</summary>
    public long TotalBytes => Gen0Bytes + Gen1Bytes + Gen2Bytes + LargeObjectBytes + PinnedObjectBytes;

    /// <summary>
    /// Gets the bytes of objects that survived the collection, in every generation and both special heaps: after
    /// a full collection, the live objects alone. Unlike <see cref="TotalBytes"/> it leaves out the free space the
    /// collection left between them, which depends on how much it chose to compact.
    /// </summary>
    public long SurvivedBytes { get; init; }
}

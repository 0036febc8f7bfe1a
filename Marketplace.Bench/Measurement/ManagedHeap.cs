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
}

using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Scenarios.Connections;

/// <summary>One reading of the server's memory in a <c>connections</c> run.</summary>
/// <param name="ResidentBytes">Its resident set (<c>VmRSS</c>); null when its process is unknown.</param>
/// <param name="Heap">Its managed heap after a GC the bench forced just before; null when none was forced.</param>
/// <param name="UnforcedBecause">Why no GC could be forced; null when one was, or when nothing was read.</param>
internal sealed record MemoryReading(long? ResidentBytes, ManagedHeap? Heap, string? UnforcedBecause)
{
    /// <summary>Gets the reading of a server whose process is unknown: nothing.</summary>
    public static MemoryReading None { get; } = new(null, null, null);

    /// <summary>Gets whether a forced GC came just before the reading.</summary>
    public bool AfterForcedGc => Heap is not null;
}

using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Marketplace.Bench.Measurement;

/// <summary>
/// Picks, out of the GC events of an EventPipe session, the heap statistics of the full blocking collection the
/// session induced; events of the process's own collections before or around it are passed over.
/// </summary>
internal sealed class InducedCollectionWatch
{
    private const int FullCollectionDepth = 2;

    private int? _inducedNumber;
    private bool _inducedEnded;

    /// <summary>Gets the heap after the induced collection; null until its statistics have been seen.</summary>
    public ManagedHeap? Heap { get; private set; }

    /// <summary>Reads a <c>GC/Start</c> event.</summary>
    /// <param name="number">The collection's number in the process, which its end event repeats.</param>
    /// <param name="depth">The oldest generation it collects.</param>
    /// <param name="reason">Why it runs.</param>
    /// <param name="type">Blocking, background, or blocking during a background collection.</param>
    public void OnStart(int number, int depth, GCReason reason, GCType type)
    {
        // A diagnostics session's request runs as an induced, full, blocking collection. The first one seen is
        // taken as the session's: only a GC.Collect of the process's own at that moment, which the server never
        // makes, could be mistaken for it.
        if (_inducedNumber is null
            && reason == GCReason.Induced
            && depth == FullCollectionDepth
            && type == GCType.NonConcurrentGC)
        {
            _inducedNumber = number;
        }
    }

    /// <summary>Reads a <c>GC/Stop</c> event, the end of collection <paramref name="number"/>.</summary>
    public void OnEnd(int number)
    {
        if (number == _inducedNumber)
        {
            _inducedEnded = true;
        }
    }

    /// <summary>Reads a <c>GC/HeapStats</c> event, which the runtime writes after each collection's end.</summary>
    public void OnHeapStats(ManagedHeap heap)
    {
        ArgumentNullException.ThrowIfNull(heap);

        // The event carries no collection number: the first one after the induced collection's end is its own.
        if (_inducedEnded && Heap is null)
        {
            Heap = heap;
        }
    }
}

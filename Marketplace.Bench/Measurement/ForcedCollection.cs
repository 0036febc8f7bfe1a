using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Marketplace.Bench.Measurement;

/// <summary>
/// Makes another .NET process run a full blocking garbage collection, the way <c>dotnet-gcdump</c> does: an
/// EventPipe session through the process's diagnostics port, with the runtime provider's GC-heap-collect keyword,
/// and reads the managed heap the collection left from its <c>GC/HeapStats</c> event.
/// </summary>
internal static class ForcedCollection
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    // GCHeapCollect asks for the collection; GC brings its start, end and heap statistics.
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    // The session's events are a few hundred bytes; this is the most the runtime may buffer, not what it takes.
    private const int BufferMegabytes = 16;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Collects every generation of process <paramref name="processId"/>, compacting and blocking, and returns its
    /// managed heap just after.
    /// </summary>
    /// <exception cref="BenchException">
    /// The process has no diagnostics port the bench can reach (it is not .NET, has ended, runs as another user or
    /// in another container, or has diagnostics turned off), or did not report the collection within 30 s.
    /// </exception>
    public static async Task<ManagedHeap> RunAsync(int processId, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await CollectAsync(processId, timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchException(
                $"Process {processId} did not report the induced GC within {Timeout.TotalSeconds:0} s.",
                exception);
        }
        catch (Exception exception) when (exception is DiagnosticsClientException or IOException
            or UnauthorizedAccessException)
        {
            throw new BenchException(
                $"Cannot induce a GC in process {processId} through its diagnostics port: {exception.Message}",
                exception);
        }
    }

    private static async Task<ManagedHeap> CollectAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider(
            RuntimeProvider,
            EventLevel.Informational,
            GcKeyword | GcHeapCollectKeyword);
        using var session = await client.StartEventPipeSessionAsync(
            [provider],
            requestRundown: false,
            BufferMegabytes,
            cancellationToken);

        // The runtime runs the collection while it enables the session, before it answers, so its events are in
        // the stream already. TraceEvent hands events on only at a sequence point or at the stream's end, and the
        // runtime writes sequence points only as the session's buffers fill: the stop is what lets them be read.
        var watch = new InducedCollectionWatch();
        var reading = Task.Run(() => Read(session.EventStream, watch), cancellationToken);
        await session.StopAsync(cancellationToken);
        await reading.WaitAsync(cancellationToken);

        return watch.Heap ?? throw new BenchException(
            $"Process {processId} ended the diagnostics session without reporting the induced GC's heap.");
    }

    private static void Read(Stream events, InducedCollectionWatch watch)
    {
        using var source = new EventPipeEventSource(events);
        source.Clr.GCStart += data => watch.OnStart(data.Count, data.Depth, data.Reason, data.Type);
        source.Clr.GCStop += data => watch.OnEnd(data.Count);
        source.Clr.GCHeapStats += data => watch.OnHeapStats(new ManagedHeap(
            data.GenerationSize0,
            data.GenerationSize1,
            data.GenerationSize2,
            data.GenerationSize3,
            data.GenerationSize4)
        {
            SurvivedBytes = data.TotalPromotedSize0 + data.TotalPromotedSize1 + data.TotalPromotedSize2
                + data.TotalPromotedSize3 + data.TotalPromotedSize4,
        });
        source.Process();
    }
}

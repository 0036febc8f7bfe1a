using System.Diagnostics;
using System.Text;
using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Agents;

/// <summary>
/// What one subscriber received: warm-up deliveries, each measured publish at most once (the rest are
/// duplicates), anything else it should not have had, and why its connection ended.
/// </summary>
/// <remarks>
/// One connection's frames arrive one after another, so only the status reader runs beside the recorder; the
/// counters are read and written whole, and the latency goes to the agent's shared histogram.
/// </remarks>
internal sealed class ClientTally
{
    private readonly SequencePlan _plan;
    private readonly int _channelIndex;
    private readonly ulong[] _seen;
    private readonly LatencyHistogram _latency;
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _warmup;
    private int _measured;
    private int _duplicated;
    private int _unexpected;
    private long _firstReceivedAt;
    private long _lastReceivedAt;
    private string? _failure;

    /// <summary>Creates the tally of subscriber number <paramref name="clientNumber"/>.</summary>
    public ClientTally(SequencePlan plan, int clientNumber, LatencyHistogram latency)
    {
        ArgumentNullException.ThrowIfNull(plan);

        _plan = plan;
        _channelIndex = plan.ChannelOf(clientNumber);
        _seen = new ulong[(plan.Measured + 63) / 64];
        _latency = latency;
        Channel = plan.ChannelName(_channelIndex);
        ChannelUtf8 = Encoding.UTF8.GetBytes(Channel);
        ExpectedWarmup = plan.WarmupFor(_channelIndex);
        ExpectedMeasured = plan.MeasuredFor(_channelIndex);
    }

    /// <summary>Gets the channel this subscriber subscribes to.</summary>
    public string Channel { get; }

    /// <summary>Gets <see cref="Channel"/> in UTF-8, to compare frames with.</summary>
    public byte[] ChannelUtf8 { get; }

    /// <summary>Gets how many warm-up publishes this subscriber should receive.</summary>
    public int ExpectedWarmup { get; }

    /// <summary>Gets how many measured publishes this subscriber should receive.</summary>
    public int ExpectedMeasured { get; }

    /// <summary>Gets how many warm-up deliveries arrived, repeats included.</summary>
    public int Warmup => Volatile.Read(ref _warmup);

    /// <summary>Gets how many distinct measured publishes arrived.</summary>
    public int Measured => Volatile.Read(ref _measured);

    /// <summary>Gets how many measured publishes arrived again after their first delivery.</summary>
    public int Duplicated => Volatile.Read(ref _duplicated);

    /// <summary>Gets how many frames were not a publish meant for this subscriber.</summary>
    public int Unexpected => Volatile.Read(ref _unexpected);

    /// <summary>Gets the Stopwatch timestamp of the first measured delivery; zero before it.</summary>
    public long FirstReceivedAt => Volatile.Read(ref _firstReceivedAt);

    /// <summary>Gets the Stopwatch timestamp of the latest measured delivery; zero before it.</summary>
    public long LastReceivedAt => Volatile.Read(ref _lastReceivedAt);

    /// <summary>Gets why the connection ended while the agent still held it; null while it is open.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Gets a task that completes when every measured publish meant for this subscriber came.</summary>
    public Task Complete => _complete.Task;

    /// <summary>Gets whether the connection is still open.</summary>
    public bool IsOpen => Failure is null;

    /// <summary>Counts one frame received at <paramref name="receivedAt"/>.</summary>
    /// <param name="stamps">The frame's stamps; null when it is not a stamped notification.</param>
    /// <param name="onChannel">Whether the frame names this subscriber's channel.</param>
    /// <param name="receivedAt">The Stopwatch timestamp taken when the frame arrived.</param>
    public void Record(StampedPayload? stamps, bool onChannel, long receivedAt)
    {
        if (stamps is not { } payload || !onChannel || _plan.ChannelOf(payload.Sequence) != _channelIndex)
        {
            Volatile.Write(ref _unexpected, _unexpected + 1);
            return;
        }

        var index = payload.Sequence - _plan.FirstMeasured;
        if (payload.Sequence >= 0 && index < 0)
        {
            Volatile.Write(ref _warmup, _warmup + 1);
            return;
        }

        if (payload.Sequence < 0 || index >= _plan.Measured)
        {
            Volatile.Write(ref _unexpected, _unexpected + 1);
            return;
        }

        ref var word = ref _seen[index / 64];
        var bit = 1UL << (int)(index % 64);
        if ((word & bit) != 0)
        {
            Volatile.Write(ref _duplicated, _duplicated + 1);
            return;
        }

        word |= bit;
        _latency.Record(Stopwatch.GetElapsedTime(payload.SentAt, receivedAt).Ticks / TimeSpan.TicksPerMicrosecond);
        if (_firstReceivedAt == 0)
        {
            Volatile.Write(ref _firstReceivedAt, receivedAt);
        }

        Volatile.Write(ref _lastReceivedAt, receivedAt);
        Volatile.Write(ref _measured, _measured + 1);
        if (_measured == ExpectedMeasured)
        {
            _complete.TrySetResult();
        }
    }

    /// <summary>Records why the connection ended, the first reason only.</summary>
    public void Fail(string reason) => Interlocked.CompareExchange(ref _failure, reason, null);
}

namespace Marketplace.Bench.Measurement;

/// <summary>
/// Latencies in whole microseconds, counted in buckets less than 1 % wide, so a subscriber process can record
/// millions of them in fixed memory, from many threads at once, and send the counts to the reporting process.
/// </summary>
/// <remarks>
/// Values below 256 µs have a bucket each; above, every power of two is cut into 128 buckets, so a bucket's width
/// is under 1/128 of its value. Percentiles are read as a bucket's upper bound, never below the value measured,
/// and never above the exact maximum, which is kept apart.
/// </remarks>
internal sealed class LatencyHistogram
{
    private const int ExactBuckets = 256;
    private const int BucketsPerOctave = 128;
    private const int SignificantBits = 8;

    // Octaves from 2^8 up to 2^63 µs: every long fits.
    private const int BucketCount = ExactBuckets + ((64 - SignificantBits) * BucketsPerOctave);

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _max;

    /// <summary>Gets how many latencies were recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Gets the largest latency recorded, exactly, in microseconds.</summary>
    public long Max => Interlocked.Read(ref _max);

    /// <summary>Gets the mean latency in microseconds; zero when nothing was recorded.</summary>
    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    /// <summary>Records one latency; a negative one, a clock read out of order, counts as zero.</summary>
    /// <remarks>Safe to call from many threads: every counter is updated with one atomic instruction.</remarks>
    public void Record(long microseconds) => Add(Math.Max(0, microseconds), 1);

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);

        foreach (var (bucket, count) in other.Buckets())
        {
            Interlocked.Add(ref _counts[bucket], count);
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        RaiseMax(other.Max);
    }

    /// <summary>
    /// Returns the latency that at least <paramref name="percentile"/> percent of those recorded do not exceed,
    /// by nearest rank, in microseconds; null when nothing was recorded.
    /// </summary>
    public long? Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);

        var count = Count;
        if (count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * count));
        var seen = 0L;
        foreach (var (bucket, bucketCount) in Buckets())
        {
            seen += bucketCount;
            if (seen >= rank)
            {
                return Math.Min(UpperBound(bucket), Max);
            }
        }

        return Max;
    }

    /// <summary>Gets the figures a report shows, in milliseconds; null when nothing was recorded.</summary>
    public LatencySummary? Summary()
    {
        if (Count == 0)
        {
            return null;
        }

        return new LatencySummary(
            (int)Math.Min(Count, int.MaxValue),
            Mean / 1000,
            Percentile(50)!.Value / 1000.0,
            Percentile(90)!.Value / 1000.0,
            Percentile(99)!.Value / 1000.0,
            Max / 1000.0);
    }

    /// <summary>Gets the non-empty buckets in ascending order, as a snapshot to send elsewhere.</summary>
    public HistogramSnapshot Snapshot()
    {
        var buckets = Buckets().ToList();
        return new HistogramSnapshot(
            [.. buckets.Select(pair => pair.Bucket)],
            [.. buckets.Select(pair => pair.Count)],
            Interlocked.Read(ref _sum),
            Max);
    }

    /// <summary>Rebuilds a histogram from a <see cref="Snapshot"/>.</summary>
    /// <exception cref="FormatException">The snapshot's arrays differ in length or name no bucket.</exception>
    public static LatencyHistogram FromSnapshot(HistogramSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Buckets.Count != snapshot.Counts.Count)
        {
            throw new FormatException("A histogram snapshot has one count per bucket; these arrays differ.");
        }

        var histogram = new LatencyHistogram();
        for (var index = 0; index < snapshot.Buckets.Count; index++)
        {
            var bucket = snapshot.Buckets[index];
            if (bucket is < 0 or >= BucketCount || snapshot.Counts[index] < 0)
            {
                throw new FormatException(
                    $"A histogram snapshot has no bucket {bucket} of count {snapshot.Counts[index]}.");
            }

            histogram._counts[bucket] += snapshot.Counts[index];
            histogram._count += snapshot.Counts[index];
        }

        histogram._sum = snapshot.SumMicroseconds;
        histogram._max = snapshot.MaxMicroseconds;
        return histogram;
    }

    /// <summary>Gets the bucket <paramref name="microseconds"/> falls in.</summary>
    public static int BucketOf(long microseconds)
    {
        if (microseconds < ExactBuckets)
        {
            return (int)microseconds;
        }

        // Keep the top eight bits: the shift says which octave, what is left where in it.
        var shift = 64 - long.LeadingZeroCount(microseconds) - SignificantBits;
        var mantissa = (int)(microseconds >> (int)shift) - BucketsPerOctave;
        return ExactBuckets + ((int)(shift - 1) * BucketsPerOctave) + mantissa;
    }

    /// <summary>Gets the largest value that falls in <paramref name="bucket"/>.</summary>
    public static long UpperBound(int bucket)
    {
        if (bucket < ExactBuckets)
        {
            return bucket;
        }

        var shift = ((bucket - ExactBuckets) / BucketsPerOctave) + 1;
        var mantissa = ((bucket - ExactBuckets) % BucketsPerOctave) + BucketsPerOctave;
        return ((long)(mantissa + 1) << shift) - 1;
    }

    private void Add(long microseconds, long count)
    {
        Interlocked.Add(ref _counts[BucketOf(microseconds)], count);
        Interlocked.Add(ref _count, count);
        Interlocked.Add(ref _sum, microseconds * count);
        RaiseMax(microseconds);
    }

    private void RaiseMax(long candidate)
    {
        var current = Interlocked.Read(ref _max);
        while (candidate > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private IEnumerable<(int Bucket, long Count)> Buckets()
    {
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            var count = Interlocked.Read(ref _counts[bucket]);
            if (count > 0)
            {
                yield return (bucket, count);
            }
        }
    }
}

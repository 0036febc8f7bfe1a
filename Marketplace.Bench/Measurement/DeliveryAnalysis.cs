using System.Diagnostics;

namespace Marketplace.Bench.Measurement;

/// <summary>
/// Matches what the clients received against what was committed: each client should receive each row exactly
/// once; the time from a row's commit to its first arrival is its latency.
/// </summary>
internal static class DeliveryAnalysis
{
    /// <summary>Counts the deliveries of a run.</summary>
    /// <param name="commits">The Stopwatch timestamp when each measured row's commit returned, by product id.</param>
    /// <param name="receiptsByClient">What each client received, in arrival order.</param>
    /// <param name="ignored">
    /// Rows the run wrote but does not measure, such as the warm-up's; their notifications count nowhere.
    /// </param>
    public static DeliveryTally Tally(
        IReadOnlyDictionary<int, long> commits,
        IReadOnlyList<IReadOnlyList<Receipt>> receiptsByClient,
        IReadOnlySet<int> ignored)
    {
        ArgumentNullException.ThrowIfNull(commits);
        ArgumentNullException.ThrowIfNull(receiptsByClient);
        ArgumentNullException.ThrowIfNull(ignored);

        var latencies = new List<double>(commits.Count * receiptsByClient.Count);
        var duplicated = 0;
        var unexpected = 0;

        foreach (var receipts in receiptsByClient)
        {
            var seen = new HashSet<int>();
            foreach (var receipt in receipts)
            {
                if (commits.TryGetValue(receipt.ProductId, out var committedAt))
                {
                    if (seen.Add(receipt.ProductId))
                    {
                        latencies.Add(LatencyMs(committedAt, receipt.ReceivedAt));
                    }
                    else
                    {
                        duplicated++;
                    }
                }
                else if (!ignored.Contains(receipt.ProductId))
                {
                    unexpected++;
                }
            }
        }

        var expected = commits.Count * receiptsByClient.Count;
        var lost = expected - latencies.Count;
        return new DeliveryTally(expected, latencies.Count, lost, duplicated, unexpected, latencies);
    }

    private static double LatencyMs(long committedAt, long receivedAt)
    {
        // The server may announce a row before its writer has read the reply to COMMIT; that delivery took no
        // time after the commit the writer saw, rather than negative time.
        return Math.Max(0, Stopwatch.GetElapsedTime(committedAt, receivedAt).TotalMilliseconds);
    }
}

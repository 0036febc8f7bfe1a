using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Agents;

/// <summary>
/// An agent's reply to <c>report</c>: what its clients received of the measured publishes, or the merge of
/// several agents' reports.
/// </summary>
/// <param name="Clients">Clients connected and subscribed.</param>
/// <param name="Open">Of those, clients still open.</param>
/// <param name="Expected">Measured deliveries due: each connected client's share of the measured publishes.</param>
/// <param name="Delivered">Distinct measured deliveries that arrived.</param>
/// <param name="Duplicated">Measured deliveries that arrived again.</param>
/// <param name="Unexpected">Frames no client should have had: another channel's, or unstamped.</param>
/// <param name="FirstReceivedAt">The Stopwatch timestamp of the first measured delivery; zero if none.</param>
/// <param name="LastReceivedAt">The Stopwatch timestamp of the last measured delivery; zero if none.</param>
/// <param name="Closes">Why connections ended, by reason.</param>
/// <param name="Latency">Publish-to-receipt latencies of the first deliveries, in microseconds.</param>
/// <param name="Type">Always <c>report</c>.</param>
internal sealed record AgentReport(
    int Clients,
    int Open,
    long Expected,
    long Delivered,
    long Duplicated,
    long Unexpected,
    long FirstReceivedAt,
    long LastReceivedAt,
    IReadOnlyList<ClientClose> Closes,
    HistogramSnapshot Latency,
    string Type = AgentReport.TypeName)
{
    /// <summary>The reply's type.</summary>
    public const string TypeName = "report";

    /// <summary>Gets the deliveries due that never arrived, such as those of a connection the server closed.</summary>
    public long Lost => Expected - Delivered;

    /// <summary>Merges the reports of several agents into one.</summary>
    public static AgentReport Merge(IReadOnlyCollection<AgentReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);

        var latency = new LatencyHistogram();
        foreach (var report in reports)
        {
            latency.Merge(LatencyHistogram.FromSnapshot(report.Latency));
        }

        var received = reports.Where(report => report.Delivered > 0).ToList();
        var closes = reports
            .SelectMany(report => report.Closes)
            .GroupBy(close => close.Reason)
            .Select(group => new ClientClose(group.Key, group.Sum(close => close.Clients)))
            .OrderByDescending(close => close.Clients)
            .ToList();
        return new AgentReport(
            reports.Sum(report => report.Clients),
            reports.Sum(report => report.Open),
            reports.Sum(report => report.Expected),
            reports.Sum(report => report.Delivered),
            reports.Sum(report => report.Duplicated),
            reports.Sum(report => report.Unexpected),
            received.Count == 0 ? 0 : received.Min(report => report.FirstReceivedAt),
            received.Count == 0 ? 0 : received.Max(report => report.LastReceivedAt),
            closes,
            latency.Snapshot());
    }
}

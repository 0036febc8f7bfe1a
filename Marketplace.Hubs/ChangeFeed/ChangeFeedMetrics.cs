using System.Diagnostics.Metrics;
using Marketplace.Data.ChangeFeed;

namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// The change feed's counters, on meter <c>Marketplace.ChangeFeed</c> (read them with
/// <c>dotnet-counters monitor --counters Marketplace.ChangeFeed</c>).
/// </summary>
internal sealed class ChangeFeedMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Marketplace.ChangeFeed";

    private readonly Counter<long> _published;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _connectionsLost;
    private int _connected;

    /// <summary>Initializes a new instance of the <see cref="ChangeFeedMetrics"/> class.</summary>
    public ChangeFeedMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);

        _published = meter.CreateCounter<long>(
            "marketplace.change_feed.published", "{change}", "Product changes published to channel productos.");
        _lag = meter.CreateHistogram<double>(
            "marketplace.change_feed.lag", "ms", "Time from a change being recorded to its publication.");
        _connectionsLost = meter.CreateCounter<long>(
            "marketplace.change_feed.connections_lost", "{connection}", "Times the feed lost its database session.");
        meter.CreateObservableGauge(
            "marketplace.change_feed.connected", () => Volatile.Read(ref _connected), "{connection}",
            "1 while the feed holds its database session (listening on PostgreSQL), else 0.");
    }

    /// <summary>Records one published change.</summary>
    public void Published(ProductChange change, DateTimeOffset now)
    {
        _published.Add(1, new KeyValuePair<string, object?>("event", change.Kind.ToString()));
        _lag.Record(Math.Max(0, (now - change.RecordedAt).TotalMilliseconds));
    }

    /// <summary>Records that the feed holds a session.</summary>
    public void Connected() => Volatile.Write(ref _connected, 1);

    /// <summary>Records that the feed lost its session.</summary>
    public void Disconnected(bool lost)
    {
        Volatile.Write(ref _connected, 0);
        if (lost)
        {
            _connectionsLost.Add(1);
        }
    }
}

namespace Marketplace.Bench.Measurement;

/// <summary>How the deliveries of a run came out, counted over every client.</summary>
/// <param name="Expected">Rows measured times clients: one delivery each.</param>
/// <param name="Delivered">Deliveries that arrived, each row counted once per client.</param>
/// <param name="Lost">Deliveries that never arrived.</param>
/// <param name="Duplicated">Deliveries that arrived again after the first time.</param>
/// <param name="Unexpected">Notifications of rows the run did not write, such as another program's.</param>
/// <param name="LatenciesMs">The commit-to-receipt latency of each first delivery, in milliseconds.</param>
internal sealed record DeliveryTally(
    int Expected,
    int Delivered,
    int Lost,
    int Duplicated,
    int Unexpected,
    IReadOnlyList<double> LatenciesMs);

namespace Marketplace.Bench.Measurement;

/// <summary>One notification as a client received it.</summary>
/// <param name="ProductId">The <c>idProducto</c> the notification announced.</param>
/// <param name="ReceivedAt">
/// The <see cref="System.Diagnostics.Stopwatch"/> timestamp when its last byte arrived, on the same clock as the
/// commit timestamps, since clients and writer share one process.
/// </param>
internal readonly record struct Receipt(int ProductId, long ReceivedAt);

namespace Marketplace.Bench.Scenarios.ChangeFeed;

/// <summary>A row the bench inserted, and when its transaction's commit returned.</summary>
/// <param name="ProductId">The <c>idProducto</c> the insert returned.</param>
/// <param name="CommittedAt">
/// The <see cref="System.Diagnostics.Stopwatch"/> timestamp taken right after COMMIT returned.
/// </param>
internal readonly record struct CommittedRow(int ProductId, long CommittedAt);

using Marketplace.Data.Products;

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// One entry of the change log: a product row as it was right after an insert or update, or right before a
/// delete.
/// </summary>
/// <param name="Sequence">The entry's place in the log; taken before commit, so it may commit out of order.</param>
/// <param name="Kind">What happened to the row.</param>
/// <param name="Product">The row's values.</param>
/// <param name="RecordedAt">When the database wrote the entry, by the database's clock.</param>
public sealed record ProductChange(
    long Sequence,
    ProductChangeKind Kind,
    Product Product,
    DateTimeOffset RecordedAt);

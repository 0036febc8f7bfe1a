namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// Changes read from the log in commit order, and where the next read starts.
/// </summary>
/// <param name="Changes">The changes, in the order clients should see them.</param>
/// <param name="Next">The position after these changes.</param>
/// <param name="HasMore">True when the log held more changes than one batch; read again at once.</param>
public sealed record ChangeBatch(IReadOnlyList<ProductChange> Changes, ChangeLogPosition Next, bool HasMore);

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// What happened to a product row.
/// </summary>
public enum ProductChangeKind
{
    /// <summary>The row was inserted.</summary>
    Created,

    /// <summary>At least one column of the row changed.</summary>
    Updated,

    /// <summary>The row was deleted, or the table truncated.</summary>
    Deleted,
}

namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// How the change feed learns that the product table changed.
/// </summary>
public enum ChangeFeedMode
{
    /// <summary>
    /// PostgreSQL's <c>LISTEN</c> wakes the feed at each commit, and the log is also polled as a safety net.
    /// SQLite cannot listen and is polled.
    /// </summary>
    Listen,

    /// <summary>
    /// The log is only polled: for connections through a transaction-mode pooler (such as Supabase's on port
    /// 6543), where <c>LISTEN</c> does not work.
    /// </summary>
    Poll,
}

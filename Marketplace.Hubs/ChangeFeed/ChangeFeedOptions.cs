using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.ChangeFeed;

/// <summary>
/// The live product change feed, bound from the <c>ChangeFeed</c> section.
/// </summary>
public sealed class ChangeFeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ChangeFeed";

    /// <summary>Gets or sets how changes are noticed. Default <see cref="ChangeFeedMode.Listen"/>.</summary>
    public ChangeFeedMode Mode { get; set; } = ChangeFeedMode.Listen;

    /// <summary>
    /// Gets or sets how often the log is read when nothing woke the feed: the latency of writes by other
    /// programs when polling, and the safety net beside <c>LISTEN</c>. Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long entries stay in the change log. Default 1 hour: a feed cut off from the
    /// database for longer than this may miss the oldest changes made meanwhile.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how often old entries are pruned. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the longest wait between attempts to reconnect to the database. Attempts start after
    /// 100 ms and double up to this. Default 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many changes one read of the log returns at most. Default 500.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}

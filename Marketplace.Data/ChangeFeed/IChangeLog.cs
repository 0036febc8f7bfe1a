namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// The log of product changes that database triggers keep, whichever program made the change.
/// </summary>
/// <remarks>
/// Failures to reach the database surface as <see cref="Failures.DatabaseUnavailableException"/>.
/// </remarks>
public interface IChangeLog
{
    /// <summary>Gets a value indicating whether the database can wake a session when a change commits.</summary>
    bool CanListen { get; }

    /// <summary>
    /// Opens a session on a connection of its own; with <paramref name="listen"/> it also subscribes to the
    /// database's change signal, when <see cref="CanListen"/>.
    /// </summary>
    Task<IChangeLogSession> OpenAsync(bool listen, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entries recorded before <paramref name="recordedBefore"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default);
}

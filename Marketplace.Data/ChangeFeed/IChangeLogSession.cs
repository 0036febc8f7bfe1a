namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// A reader of the change log on one open connection. When the connection is lost every call fails; open a new
/// session and go on from the last position, and nothing is lost or repeated.
/// </summary>
public interface IChangeLogSession : IAsyncDisposable
{
    /// <summary>Gets a value indicating whether the database wakes this session when a change commits.</summary>
    bool IsListening { get; }

    /// <summary>Returns the current end of the log: reading from it returns only later changes.</summary>
    Task<ChangeLogPosition> GetEndAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxChanges"/> changes committed after <paramref name="after"/>.</summary>
    Task<ChangeBatch> ReadAsync(
        ChangeLogPosition after,
        int maxChanges,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the database signals a change committed since the last read began, or until
    /// <paramref name="timeout"/>; returns true when signalled. Only for sessions that are listening.
    /// </summary>
    Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// How far a reader has read the change log: every change before this position has been returned, none after.
/// </summary>
/// <remarks>
/// Sequences are taken before commit, so a bare "sequence above the last one read" cursor would skip an entry
/// whose transaction commits after a later one. On PostgreSQL the position is therefore a transaction snapshot:
/// everything committed before <see cref="Snapshot"/> has been read. While a reader pages through the changes
/// committed between that snapshot and the next one, <see cref="Window"/> holds the next snapshot and
/// <see cref="Sequence"/> the last entry returned from it. SQLite lets one writer commit at a time, so there the
/// sequence alone is exact. Positions are opaque to callers: only the change log that made one reads it.
/// </remarks>
/// <param name="Sequence">The last sequence returned (PostgreSQL: within <see cref="Window"/>, or 0).</param>
/// <param name="Snapshot">PostgreSQL: the snapshot before which every change has been read.</param>
/// <param name="Window">PostgreSQL: the snapshot that bounds the changes being paged through, if any.</param>
public sealed record ChangeLogPosition(long Sequence, string? Snapshot = null, string? Window = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Snapshot is null ? $"sequence {Sequence}" : $"sequence {Sequence}, snapshot {Snapshot}";
}

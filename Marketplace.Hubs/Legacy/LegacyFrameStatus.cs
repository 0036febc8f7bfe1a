namespace Marketplace.Hubs.Legacy;

/// <summary>
/// What <see cref="LegacyFrameReader.ReadAsync"/> found.
/// </summary>
internal enum LegacyFrameStatus
{
    /// <summary>A whole message within the limit, in <see cref="LegacyFrameReader.Frame"/>.</summary>
    Complete,

    /// <summary>A message over the limit, read to its end and dropped.</summary>
    Oversized,

    /// <summary>A message past the hard limit; reading stopped, and the connection must close.</summary>
    PastHardLimit,

    /// <summary>The client's close frame.</summary>
    Closed,
}

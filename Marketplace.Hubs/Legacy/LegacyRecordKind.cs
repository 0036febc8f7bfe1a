namespace Marketplace.Hubs.Legacy;

/// <summary>
/// What an incoming <see cref="LegacyRecord"/> carries.
/// </summary>
internal enum LegacyRecordKind : byte
{
    /// <summary>A client message, whole.</summary>
    Frame = 0,

    /// <summary>A client message over the size limit, dropped without being buffered.</summary>
    Oversized = 1,
}

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Marks a hub connection as a legacy WebSocket client, for logs and for rules that treat the two apart.
/// </summary>
public interface ILegacyConnectionFeature
{
    /// <summary>Gets the path the client connected to: <c>/</c> or <c>/ws</c>.</summary>
    string Path { get; }
}

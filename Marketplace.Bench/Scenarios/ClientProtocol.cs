namespace Marketplace.Bench.Scenarios;

/// <summary>Which kind of client a scenario drives.</summary>
internal enum ClientProtocol
{
    /// <summary>Legacy WebSocket clients only.</summary>
    Legacy,

    /// <summary>SignalR clients with the JSON protocol only.</summary>
    SignalR,

    /// <summary>Half of each, on the same channels.</summary>
    Mixed,
}

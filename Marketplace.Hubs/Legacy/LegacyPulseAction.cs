namespace Marketplace.Hubs.Legacy;

/// <summary>What the heartbeat must do for one legacy client at a beat.</summary>
internal enum LegacyPulseAction
{
    /// <summary>Nothing: the client was pinged recently, or its answer is not due yet.</summary>
    None,

    /// <summary>Send a ping.</summary>
    Ping,

    /// <summary>The client sent nothing for the pong timeout after a ping: drop it.</summary>
    Expired,
}

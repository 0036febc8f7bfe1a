namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// What the HTTP pipeline hands to <see cref="LegacyTakeoverMiddleware"/> when it has accepted a legacy upgrade:
/// the client, and why its token was refused if it was.
/// </summary>
internal sealed class LegacyHandoff
{
    /// <summary>Gets the client, once the upgrade has been accepted; null while it has not.</summary>
    public LegacyClient? Client { get; private set; }

    /// <summary>Gets why the client's token was refused, if it was; the client is told, then closed.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Records that the HTTP pipeline has accepted the upgrade and sent its response.</summary>
    public void Accept(LegacyClient client, string? refusal)
    {
        Client = client;
        Refusal = refusal;
    }
}

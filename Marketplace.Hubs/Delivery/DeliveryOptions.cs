using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Delivery;

/// <summary>
/// How much may wait for one slow client, bound from the <c>Delivery</c> section.
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Delivery";

    /// <summary>
    /// Gets or sets how many bytes of messages may queue for one connection beyond what its socket and transport
    /// already hold; a connection that falls further behind is closed. Default 1 MiB: seconds of traffic for a
    /// busy channel, far more than a client that reads ever needs.
    /// </summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public long MaxQueuedBytes { get; set; } = 1024 * 1024;
}

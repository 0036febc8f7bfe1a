using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Limits;

/// <summary>
/// How many requests one connection may make, bound from the <c>Limits:Requests</c> section.
/// </summary>
/// <remarks>
/// The defaults let a back-end service publish thousands of messages a second and stop only a runaway loop.
/// </remarks>
public sealed class RequestRateOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Limits:Requests";

    /// <summary>Gets or sets the sustained requests per second per connection. Default 5000.</summary>
    [Range(1, 10_000_000)]
    public int PerSecond { get; set; } = 5000;

    /// <summary>Gets or sets how many requests may come at once above the sustained rate. Default 10000.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how many requests in a row may be refused for the rate before the connection is closed
    /// (1008, policy violation): a client that keeps flooding after being told to wait is not listening.
    /// Default 1000.
    /// </summary>
    [Range(1, 10_000_000)]
    public int DisconnectAfterRefusals { get; set; } = 1000;
}

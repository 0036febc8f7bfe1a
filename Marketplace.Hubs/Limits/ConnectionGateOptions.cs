using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Marketplace.Hubs.Limits;

/// <summary>
/// Who may open realtime connections, bound from the <c>Limits:Connections</c> section.
/// </summary>
public sealed class ConnectionGateOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Limits:Connections";

    /// <summary>
    /// Gets or sets how many connections one remote address may hold at once. Default 1000: an office or a
    /// mobile carrier's NAT puts many people behind one address; a script opening sockets in a loop is stopped.
    /// </summary>
    [Range(1, 10_000_000)]
    public int PerAddress { get; set; } = 1000;

    /// <summary>
    /// Gets or sets a value indicating whether connections from this machine (loopback) are exempt from
    /// <see cref="PerAddress"/>, for local back-end services and benchmarks. Default true.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>
    /// Gets the address ranges exempt from <see cref="PerAddress"/>, in CIDR notation (<c>10.0.0.0/8</c>), for
    /// back-end services or load generators elsewhere. Default none.
    /// </summary>
    public IList<string> ExemptRanges { get; } = [];

    /// <summary>
    /// Gets the browser origins (<c>https://shop.example</c>) allowed to open connections; a request whose
    /// <c>Origin</c> header names another site gets 403, which stops cross-site WebSocket hijacking. Clients
    /// that send no <c>Origin</c> (back-end services, mobile apps, Postman) are not affected. Default none
    /// listed: every origin is allowed, as tokens are never sent by the browser on its own.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var range in ExemptRanges.Where(range => !IPNetwork.TryParse(range, out _)))
        {
            yield return new ValidationResult(
                $"Limits:Connections:ExemptRanges: '{range}' is not an address range such as 10.0.0.0/8.",
                [nameof(ExemptRanges)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Settings of the legacy WebSocket endpoints, bound from the <c>Legacy</c> section.
/// </summary>
public sealed class LegacyOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Legacy";

    /// <summary>
    /// Gets or sets the largest frame a client may send, in bytes. A larger one is answered with
    /// <c>message_too_large</c> and dropped without being buffered. Default 65536.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets the frame size past which the server stops discarding and closes the connection with 1009
    /// (message too big): a client sending that much is not making a mistake. Default 1 MiB.
    /// </summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int HardMaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets the deepest nesting of arrays and objects a message may have, for legacy and SignalR
    /// clients alike; a deeper one is <c>invalid_json</c>. Default 64.
    /// </summary>
    [Range(1, 1000)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>
    /// Gets or sets how long the server waits for a client to answer its close frame before it drops the
    /// connection. Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets a value indicating whether a legacy client that opens its connection with the upgrade request
    /// is served below Kestrel's HTTP layer once the HTTP pipeline has accepted it, which saves about 6 KB per
    /// connection (BENCHMARKS.md). Off, every legacy socket runs inside its upgrade request. Default on.
    /// </summary>
    public bool ServeBelowHttp { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HardMaxFrameBytes < MaxFrameBytes)
        {
            yield return new ValidationResult(
                $"HardMaxFrameBytes ({HardMaxFrameBytes}) must be at least MaxFrameBytes ({MaxFrameBytes}).",
                [nameof(HardMaxFrameBytes), nameof(MaxFrameBytes)]);
        }
    }
}

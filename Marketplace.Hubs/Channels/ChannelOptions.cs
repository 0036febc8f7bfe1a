using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Marketplace.Hubs.Channels;

/// <summary>
/// Rules for channel names, bound from the <c>Channels</c> section.
/// </summary>
public sealed class ChannelOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Channels";

    /// <summary>Gets or sets the longest channel name accepted. Default 100.</summary>
    [Range(1, 1000)]
    public int MaxNameLength { get; set; } = 100;

    /// <summary>
    /// Gets or sets the pattern a channel name must match. Default: letters (any script), digits and
    /// <c>_ - . : @ /</c>, which admits <c>productos</c>, <c>user:42</c> and <c>tienda/7</c>.
    /// </summary>
    [Required]
    public string NamePattern { get; set; } = @"^[\p{L}\p{N}_\-.:@/]+$";

    /// <summary>
    /// Gets or sets how many channels one connection may be subscribed to at once. Default 256: far more than
    /// a page needs, and few enough that one connection cannot bloat the server's group tables.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxSubscriptionsPerConnection { get; set; } = 256;

    /// <summary>
    /// Gets the channels only the server publishes to: a client's <c>notify</c> there is <c>forbidden</c>.
    /// Default none, as the predecessor allowed every channel.
    /// </summary>
    public IList<string> ServerOnly { get; } = [];

    /// <summary>
    /// Compiles <paramref name="pattern"/> for the non-backtracking engine: matching takes time linear in the
    /// name, so no pattern can be made slow by a hostile name, and no timeout can fail a request under load.
    /// </summary>
    public static Regex CreateNameRegex(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            CreateNameRegex(NamePattern);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"Channels:NamePattern is not a pattern this server can use ({problem}).", [nameof(NamePattern)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Permissions;

/// <summary>
/// Who may do what once authentication is on, bound from the <c>Permissions</c> section. Without
/// authentication everyone may do everything, as with the predecessor.
/// </summary>
public sealed class PermissionOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Permissions";

    /// <summary>The roles that publish and add products unless configured otherwise.</summary>
    public const string PublisherRoles = "role:service_role,admin";

    /// <summary>
    /// Gets the channel rules, first match wins. When none are configured the defaults apply: <c>productos</c>
    /// and <c>dashboard</c> readable by anyone; <c>ordenes</c> and <c>notificaciones</c> by signed-in users;
    /// <c>user:*</c> by its owner alone; any other channel by signed-in users; publishing everywhere only for
    /// the <c>service_role</c> and <c>admin</c> roles.
    /// </summary>
    public IList<ChannelAccess> Channels { get; } = [];

    /// <summary>
    /// Gets or sets who may call <c>add_product</c>. Default the <c>service_role</c>, <c>admin</c> and
    /// <c>seller</c> roles.
    /// </summary>
    public string AddProduct { get; set; } = "role:service_role,admin,seller";

    /// <summary>Returns the configured channel rules, or the defaults when there are none.</summary>
    public IReadOnlyList<ChannelAccess> EffectiveChannels() => Channels.Count > 0
        ? [.. Channels]
        :
        [
            new() { Channel = "productos", Subscribe = "anyone", Publish = PublisherRoles },
            new() { Channel = "dashboard", Subscribe = "anyone", Publish = PublisherRoles },
            new() { Channel = "ordenes", Subscribe = "authenticated", Publish = PublisherRoles },
            new() { Channel = "notificaciones", Subscribe = "authenticated", Publish = PublisherRoles },
            new() { Channel = "user:*", Subscribe = "owner", Publish = PublisherRoles },
            new() { Channel = "*", Subscribe = "authenticated", Publish = PublisherRoles },
        ];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var rules = EffectiveChannels()
            .SelectMany(channel => new[] { channel.Subscribe, channel.Publish })
            .Append(AddProduct);
        foreach (var rule in rules)
        {
            if (AccessRule.TryParse(rule, out var problem) is null)
            {
                yield return new ValidationResult($"Permissions: {problem}", [nameof(Channels)]);
            }
        }

        foreach (var channel in EffectiveChannels().Where(channel => string.IsNullOrWhiteSpace(channel.Channel)))
        {
            yield return new ValidationResult(
                "Permissions:Channels: every entry needs a Channel name or pattern.", [nameof(Channels)]);
        }
    }
}

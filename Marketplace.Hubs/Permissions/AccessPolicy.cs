using Marketplace.Hubs.Realtime;
using Marketplace.Hubs.Security;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Permissions;

/// <summary>
/// Decides whether a caller may subscribe to a channel, publish to it, or add products, and refuses with a
/// <c>forbidden</c> error that says what is missing. Without authentication configured, everything is allowed.
/// </summary>
internal sealed class AccessPolicy
{
    private readonly bool _enabled;
    private readonly (ChannelPattern Pattern, AccessRule Subscribe, AccessRule Publish)[] _channels;
    private readonly AccessRule _addProduct;
    private readonly ILogger<AccessPolicy> _logger;

    /// <summary>Initializes a new instance of the <see cref="AccessPolicy"/> class.</summary>
    public AccessPolicy(IOptions<AuthOptions> auth, IOptions<PermissionOptions> options, ILogger<AccessPolicy> logger)
    {
        _enabled = auth.Value.Enabled;
        _logger = logger;
        _channels = [.. options.Value.EffectiveChannels().Select(channel => (
            new ChannelPattern(channel.Channel),
            AccessRule.TryParse(channel.Subscribe, out _)!,
            AccessRule.TryParse(channel.Publish, out _)!))];
        _addProduct = AccessRule.TryParse(options.Value.AddProduct, out _)!;
    }

    /// <summary>Throws <c>forbidden</c> unless <paramref name="caller"/> may subscribe to the channel.</summary>
    public void EnsureMaySubscribe(CallerIdentity caller, string channel)
    {
        var (rule, owner) = Find(channel, publish: false);
        Ensure(caller, rule, owner, $"subscribe to '{channel}'");
    }

    /// <summary>Throws <c>forbidden</c> unless <paramref name="caller"/> may publish to the channel.</summary>
    public void EnsureMayPublish(CallerIdentity caller, string channel)
    {
        var (rule, owner) = Find(channel, publish: true);
        Ensure(caller, rule, owner, $"publish to '{channel}'");
    }

    /// <summary>Throws <c>forbidden</c> unless <paramref name="caller"/> may add products.</summary>
    public void EnsureMayAddProduct(CallerIdentity caller) => Ensure(caller, _addProduct, null, "add products");

    private (AccessRule? Rule, string? Owner) Find(string channel, bool publish)
    {
        foreach (var (pattern, subscribe, publishRule) in _channels)
        {
            if (pattern.Matches(channel, out var owner))
            {
                return (publish ? publishRule : subscribe, owner);
            }
        }

        return (null, null);
    }

    private void Ensure(CallerIdentity caller, AccessRule? rule, string? owner, string action)
    {
        if (!_enabled || (rule is not null && Allows(rule, caller, owner)))
        {
            return;
        }

        var needed = rule is null ? "no rule allows it" : Explain(rule);
        SecurityLog.Forbidden(_logger, caller.ToString(), action, needed);

        var hint = caller.IsAuthenticated ? string.Empty : " Send a token to sign in.";
        throw ClientErrors.Create(ErrorCodes.Forbidden, $"You may not {action}: {needed}.{hint}");
    }

    private static bool Allows(AccessRule rule, CallerIdentity caller, string? owner)
    {
        return rule.Anyone
            || (rule.Authenticated && caller.IsAuthenticated)
            || (rule.Owner && caller.IsAuthenticated && string.Equals(owner, caller.UserId, StringComparison.Ordinal))
            || caller.Roles.Overlaps(rule.Roles);
    }

    private static string Explain(AccessRule rule)
    {
        var who = new List<string>();
        if (rule.Authenticated)
        {
            who.Add("signed-in users");
        }

        if (rule.Owner)
        {
            who.Add("the channel's owner");
        }

        if (rule.Roles.Count > 0)
        {
            who.Add($"the role{(rule.Roles.Count > 1 ? "s" : string.Empty)} {string.Join(", ", rule.Roles)}");
        }

        return who.Count == 0 ? "no one may" : $"only {string.Join(" or ", who)} may";
    }
}

namespace Marketplace.Hubs.Permissions;

/// <summary>
/// Who may do something: <c>anyone</c>, <c>authenticated</c> (any signed-in user), <c>owner</c> (the user a
/// channel belongs to), <c>role:a,b</c> (users with one of these roles) or <c>nobody</c>, and alternatives joined
/// by <c>|</c>, such as <c>owner|role:admin</c>.
/// </summary>
public sealed class AccessRule
{
    private AccessRule(string text, bool anyone, bool authenticated, bool owner, IReadOnlySet<string> roles)
    {
        Text = text;
        Anyone = anyone;
        Authenticated = authenticated;
        Owner = owner;
        Roles = roles;
    }

    /// <summary>Gets the rule as written.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether everyone, signed in or not, passes.</summary>
    public bool Anyone { get; }

    /// <summary>Gets a value indicating whether every signed-in user passes.</summary>
    public bool Authenticated { get; }

    /// <summary>Gets a value indicating whether the channel's owner passes.</summary>
    public bool Owner { get; }

    /// <summary>Gets the roles that pass.</summary>
    public IReadOnlySet<string> Roles { get; }

    /// <summary>Parses <paramref name="text"/>; returns null and a reason when it is not a rule.</summary>
    public static AccessRule? TryParse(string? text, out string? problem)
    {
        problem = null;
        bool anyone = false, authenticated = false, owner = false;
        var roles = new HashSet<string>(StringComparer.Ordinal);

        foreach (var part in (text ?? string.Empty).Split('|', StringSplitOptions.TrimEntries))
        {
            switch (part)
            {
                case "anyone":
                    anyone = true;
                    break;
                case "authenticated":
                    authenticated = true;
                    break;
                case "owner":
                    owner = true;
                    break;
                case "nobody":
                    break;
                case var _ when part.StartsWith("role:", StringComparison.Ordinal) && part.Length > 5:
                    roles.UnionWith(part[5..].Split(
                        ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                    break;
                default:
                    problem = $"'{part}' is not an access rule: use anyone, authenticated, owner, nobody or role:a,b.";
                    return null;
            }
        }

        return new AccessRule(text!, anyone, authenticated, owner, roles);
    }
}

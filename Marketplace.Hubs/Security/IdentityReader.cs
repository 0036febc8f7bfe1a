using System.Security.Claims;
using System.Text.Json;

namespace Marketplace.Hubs.Security;

/// <summary>
/// Turns the claims of a valid token into a <see cref="CallerIdentity"/>, reading roles from the configured
/// claims, including ones nested in JSON objects such as Supabase's <c>app_metadata</c>.
/// </summary>
internal static class IdentityReader
{
    /// <summary>Reads the subject and roles of <paramref name="claims"/>.</summary>
    public static CallerIdentity Read(
        ClaimsIdentity claims,
        IEnumerable<string> roleClaims,
        DateTimeOffset? expiresAt)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in roleClaims)
        {
            AddRoles(claims, path, roles);
        }

        var userId = claims.FindFirst("sub")?.Value;
        return new CallerIdentity(string.IsNullOrEmpty(userId) ? "(no subject)" : userId, roles, expiresAt);
    }

    private static void AddRoles(ClaimsIdentity claims, string path, HashSet<string> roles)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var claimType = dot < 0 ? path : path[..dot];

        foreach (var claim in claims.FindAll(claimType))
        {
            if (dot < 0)
            {
                AddValue(claim.Value, roles);
                continue;
            }

            if (TryNavigate(claim.Value, path[(dot + 1)..], out var nested))
            {
                AddJson(nested, roles);
            }
        }
    }

    private static bool TryNavigate(string json, string path, out JsonElement found)
    {
        found = default;
        try
        {
            using var document = JsonDocument.Parse(json);
            var current = document.RootElement;
            foreach (var member in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(member, out current))
                {
                    return false;
                }
            }

            found = current.Clone();
            return true;
        }
        catch (JsonException)
        {
            // A claim that is not JSON has no nested members.
            return false;
        }
    }

    private static void AddJson(JsonElement value, HashSet<string> roles)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            AddValue(value.GetString()!, roles);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                AddJson(item, roles);
            }
        }
    }

    private static void AddValue(string value, HashSet<string> roles)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            roles.Add(value);
        }
    }
}

namespace Marketplace.Tests.Infrastructure;

/// <summary>Channel names for tests.</summary>
public static class Channels
{
    /// <summary>Returns a channel name no other test uses.</summary>
    public static string Unique(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";
}

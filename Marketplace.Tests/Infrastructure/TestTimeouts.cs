namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// How long a test waits for an event before it fails. Generous, as CI shares two cores with the server.
/// </summary>
public static class TestTimeouts
{
    /// <summary>The wait for any single event.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(15);
}

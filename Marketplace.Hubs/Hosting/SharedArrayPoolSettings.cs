namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Sizes the runtime's shared array pool for thousands of connections.
/// </summary>
/// <remarks>
/// SignalR's connections take 4 KiB blocks for their pipes from the shared pool, which by default keeps 32 free
/// arrays of each size per core. With 1,000 SignalR subscribers at full speed, every block beyond those was
/// dropped when returned and allocated again when rented: 230 to 250 MB of garbage a second. The pool never keeps
/// more than was in use at once, but it keeps what a burst returns and gives it back only slowly; hence
/// <see cref="Liveness.HubKeepAlive"/> pings SignalR clients in rounds rather than in bursts.
/// The runtime reads the limit from the environment once, when the pool is first used: it is set before anything
/// else runs, and a value the operator set is kept.
/// </remarks>
internal static class SharedArrayPoolSettings
{
    private const string MaxArraysPerPartition = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    // Two blocks for each of 1,000 busy connections, per core.
    private const string DefaultMaxArraysPerPartition = "2048";

    /// <summary>Sets the limit unless the environment already does; call before anything rents an array.</summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(MaxArraysPerPartition) is null)
        {
            Environment.SetEnvironmentVariable(MaxArraysPerPartition, DefaultMaxArraysPerPartition);
        }
    }
}

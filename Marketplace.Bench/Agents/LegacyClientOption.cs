using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Internal;

namespace Marketplace.Bench.Agents;

/// <summary>The <c>--legacy-client</c> option that the client-driving scenarios share.</summary>
internal static class LegacyClientOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--legacy-client";

    /// <summary>Gets the option as the help lists it.</summary>
    public static OptionSpec Spec { get; } = new(
        Name,
        "KIND",
        "websocket (.NET's ClientWebSocket, a receive loop per client) or epoll (bare sockets that one thread per " +
        "agent waits on, as a C or Go client would: the subscribers then take less of the CPU they share with " +
        "the server; x86-64 Linux only). Default websocket.");

    /// <summary>Reads the option; websocket when it is not given.</summary>
    /// <exception cref="UsageException">The value names no client, or epoll cannot run here.</exception>
    public static LegacyClientKind Read(ParsedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return options.Text(Name) switch
        {
            null or "websocket" => LegacyClientKind.WebSocket,
            "epoll" when LinuxEpoll.IsSupported => LegacyClientKind.Epoll,
            "epoll" => throw new UsageException($"{Name} epoll runs on x86-64 Linux only."),
            var other => throw new UsageException($"{Name} is websocket or epoll; got '{other}'."),
        };
    }

    /// <summary>Gets the kind's name, as the option takes it.</summary>
    public static string Text(LegacyClientKind kind) => kind == LegacyClientKind.Epoll ? "epoll" : "websocket";
}

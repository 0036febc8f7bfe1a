using System.Runtime.InteropServices;

namespace Marketplace.Bench.Internal;

/// <summary>
/// Linux's <c>epoll</c>, which .NET uses inside its socket engine but does not expose: the lean subscriber agent
/// waits on thousands of sockets with one call, the way a C or Go client would.
/// </summary>
internal static partial class LinuxEpoll
{
    /// <summary>Data can be read, or the peer closed its side.</summary>
    public const uint Readable = 0x001;

    /// <summary>The peer closed its side of the connection.</summary>
    public const uint PeerClosed = 0x2000;

    private const int AddOperation = 1;
    private const int RemoveOperation = 2;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4;

    /// <summary>Gets whether this process can use these calls: Linux on x86-64, where the event is packed.</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Creates an epoll instance.</summary>
    /// <exception cref="IOException">The kernel refused.</exception>
    public static int Create()
    {
        var poller = CreateInstance(CloseOnExec);
        return poller >= 0 ? poller : throw Failure("epoll_create1");
    }

    /// <summary>Watches <paramref name="descriptor"/> for input, reporting <paramref name="token"/> with it.</summary>
    /// <exception cref="IOException">The kernel refused.</exception>
    public static void Add(int poller, nint descriptor, ulong token)
    {
        var watched = new EpollEvent { Events = Readable | PeerClosed, Token = token };
        if (Control(poller, AddOperation, (int)descriptor, ref watched) != 0)
        {
            throw Failure("epoll_ctl");
        }
    }

    /// <summary>Stops watching <paramref name="descriptor"/>; false when it was not watched.</summary>
    public static bool Remove(int poller, nint descriptor)
    {
        var ignored = default(EpollEvent);
        return Control(poller, RemoveOperation, (int)descriptor, ref ignored) == 0;
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> for watched descriptors to become ready.
    /// </summary>
    /// <returns>How many entries of <paramref name="ready"/> were filled; zero on time-out or a signal.</returns>
    /// <exception cref="IOException">The kernel refused.</exception>
    public static unsafe int Wait(int poller, Span<EpollEvent> ready, int timeoutMilliseconds)
    {
        fixed (EpollEvent* events = ready)
        {
            var count = WaitForEvents(poller, events, ready.Length, timeoutMilliseconds);

            // The runtime signals its threads to suspend them for a GC, which interrupts the wait.
            return count >= 0 ? count
                : Marshal.GetLastPInvokeError() == Interrupted ? 0
                : throw Failure("epoll_wait");
        }
    }

    /// <summary>Closes an epoll instance; false when it was not open.</summary>
    public static bool Close(int poller) => CloseDescriptor(poller) == 0;

    private static IOException Failure(string call) =>
        new($"{call} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int CreateInstance(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int Control(int poller, int operation, int descriptor, ref EpollEvent watched);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static unsafe partial int WaitForEvents(int poller, EpollEvent* events, int capacity, int timeout);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseDescriptor(int descriptor);
}

using System.Runtime.InteropServices;

namespace Marketplace.Bench.Internal;

/// <summary>The kernel's <c>struct epoll_event</c>, which x86-64 packs into 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct EpollEvent
{
    /// <summary>The events watched, or those that happened.</summary>
    public uint Events;

    /// <summary>The caller's value that names the descriptor.</summary>
    public ulong Token;
}

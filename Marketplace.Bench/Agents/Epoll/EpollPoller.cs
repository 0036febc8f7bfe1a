using Marketplace.Bench.Internal;

namespace Marketplace.Bench.Agents.Epoll;

/// <summary>
/// One thread that waits on every lean client's socket with <c>epoll_wait</c> and lets each ready client read:
/// no task, thread-pool hop or async state per frame, so the agent takes as little as it can of the CPU the
/// server shares with it.
/// </summary>
internal sealed class EpollPoller : IDisposable
{
    // Short enough that disposing the poller does not wait long for its thread.
    private const int WaitMilliseconds = 200;

    private const int ReceiveBufferBytes = 64 * 1024;

    private readonly int _poller = LinuxEpoll.Create();
    private readonly List<EpollLegacyClient> _clients = [];
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>Creates the poller and starts its thread.</summary>
    public EpollPoller()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "epoll subscribers" };
        _thread.Start();
    }

    /// <summary>Starts handing <paramref name="client"/> its socket's input.</summary>
    /// <exception cref="IOException">The kernel refused to watch the socket.</exception>
    public void Add(EpollLegacyClient client, nint descriptor)
    {
        ArgumentNullException.ThrowIfNull(client);

        int token;
        lock (_clients)
        {
            token = _clients.Count;
            _clients.Add(client);
        }

        LinuxEpoll.Add(_poller, descriptor, (ulong)token);
    }

    /// <summary>Stops watching <paramref name="descriptor"/>, before its socket is closed.</summary>
    public void Remove(nint descriptor) => LinuxEpoll.Remove(_poller, descriptor);

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        LinuxEpoll.Close(_poller);
    }

    private void Run()
    {
        var ready = new EpollEvent[256];
        var buffer = new byte[ReceiveBufferBytes];
        while (!_stopping)
        {
            var count = LinuxEpoll.Wait(_poller, ready, WaitMilliseconds);
            for (var index = 0; index < count; index++)
            {
                EpollLegacyClient client;
                lock (_clients)
                {
                    client = _clients[(int)ready[index].Token];
                }

                client.OnReadable(buffer);
            }
        }
    }
}

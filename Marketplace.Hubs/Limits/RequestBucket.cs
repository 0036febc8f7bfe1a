namespace Marketplace.Hubs.Limits;

/// <summary>
/// A token bucket for one connection: refills at a steady rate up to a burst, one token per request.
/// </summary>
/// <remarks>Requests of one connection run one at a time, so the bucket needs no lock.</remarks>
internal sealed class RequestBucket(RequestRateOptions options, TimeProvider time)
{
    private double _tokens = options.Burst;
    private long _refilledAt = time.GetTimestamp();

    /// <summary>Gets how many requests in a row the bucket has refused.</summary>
    public int RefusedInARow { get; private set; }

    /// <summary>Takes a token; when none is left, says how long until one is.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        _tokens = Math.Min(options.Burst, _tokens + (elapsed.TotalSeconds * options.PerSecond));

        if (_tokens >= 1)
        {
            _tokens--;
            RefusedInARow = 0;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        RefusedInARow++;
        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / options.PerSecond);
        return false;
    }
}

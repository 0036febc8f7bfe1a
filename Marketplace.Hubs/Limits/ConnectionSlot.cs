namespace Marketplace.Hubs.Limits;

/// <summary>
/// One counted connection of a remote address, put on its request by <see cref="ConnectionGateMiddleware"/>.
/// The request gives it back when it ends, unless the connection outlives the request: then whoever serves the
/// connection keeps the slot and gives it back when the connection ends.
/// </summary>
internal sealed class ConnectionSlot(Action release)
{
    private int _state;

    /// <summary>Gets a value indicating whether the slot has passed from the request to its connection.</summary>
    public bool IsKept => Volatile.Read(ref _state) != 0;

    /// <summary>Takes the slot from the request, to be released when the connection ends.</summary>
    public ConnectionSlot Keep()
    {
        Interlocked.CompareExchange(ref _state, 1, 0);
        return this;
    }

    /// <summary>Gives the slot back; only the first call counts.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _state, 2) != 2)
        {
            release();
        }
    }
}

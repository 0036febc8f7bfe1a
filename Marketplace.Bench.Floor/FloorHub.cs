using Microsoft.AspNetCore.SignalR;

namespace Marketplace.Bench.Floor;

/// <summary>A plain SignalR hub with the one method the bench's idle subscribers call.</summary>
internal sealed class FloorHub : Hub
{
    /// <summary>Joins the caller to <paramref name="channel"/> and answers as the marketplace hub does.</summary>
    public async Task<object> Subscribe(string channel)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, channel);
        return new { type = "subscribed", channel };
    }
}

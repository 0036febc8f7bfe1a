using System.Text.Json;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Reads the catalogue changes a client subscribed to <c>productos</c> receives.
/// </summary>
public static class ProductEvents
{
    /// <summary>Waits for the next frame and asserts that it is a change on <c>productos</c>.</summary>
    public static async Task<CatalogueChange> ReceiveAsync(LegacyClient client)
    {
        return Read(await client.ReceiveAsync());
    }

    /// <summary>Waits for the next notification and asserts that it is a change on <c>productos</c>.</summary>
    public static async Task<CatalogueChange> ReceiveAsync(HubClient client)
    {
        return Read(await client.ReceiveAsync());
    }

    /// <summary>Waits for <paramref name="count"/> changes, in the order they arrive.</summary>
    public static async Task<List<CatalogueChange>> ReceiveAsync(LegacyClient client, int count)
    {
        var events = new List<CatalogueChange>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(await ReceiveAsync(client));
        }

        return events;
    }

    private static CatalogueChange Read(JsonElement frame)
    {
        Assert.Equal("notification", JsonAssert.Type(frame));
        Assert.Equal("productos", frame.GetProperty("channel").GetString());

        var payload = frame.GetProperty("payload");
        return new CatalogueChange(payload.GetProperty("event").GetString()!, payload.GetProperty("product").Clone());
    }
}

using System.Text.Json;
using Marketplace.Hubs.Products;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Assertions on legacy frames.</summary>
public static class JsonAssert
{
    /// <summary>Asserts that <paramref name="frame"/> is an error frame with <paramref name="code"/>.</summary>
    public static void Error(JsonElement frame, string code)
    {
        Assert.Equal("error", frame.GetProperty("type").GetString());
        Assert.Equal(code, frame.GetProperty("error").GetString());

        var message = frame.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Asserts that two product objects hold the same values; numbers compare by value, so a price written
    /// <c>2000</c> equals one written <c>2000.0</c>.
    /// </summary>
    public static void SameProduct(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.Deserialize<ProductJson>(), actual.Deserialize<ProductJson>());
    }

    /// <summary>Returns the <c>type</c> member.</summary>
    public static string? Type(JsonElement frame) =>
        frame.TryGetProperty("type", out var type) ? type.GetString() : null;
}

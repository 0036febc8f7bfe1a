using System.Globalization;
using System.Text.Json;
using Marketplace.Data.Products;

namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// Turns the JSON copy of a <c>producto</c> row that the triggers store into a <see cref="Product"/>.
/// </summary>
/// <remarks>
/// The row comes from whatever table the server adopted, so the reader is lenient: unknown columns are ignored,
/// missing ones take their defaults, and a price stored as text (SQLite keeps decimals as text) still reads as
/// a number.
/// </remarks>
internal static class ChangeRowReader
{
    /// <summary>Reads the row's values.</summary>
    public static Product Read(string rowJson)
    {
        using var document = JsonDocument.Parse(rowJson);
        var row = document.RootElement;

        return new Product
        {
            Id = ReadInt(row, "idProducto") ?? 0,
            Name = ReadString(row, "nombreProducto") ?? string.Empty,
            Description = ReadString(row, "descripcion"),
            Price = ReadDecimal(row, "precio"),
            Stock = ReadInt(row, "stock") ?? 0,
            ImageUrl = ReadString(row, "imagenURL"),
            SellerId = ReadInt(row, "emprendedorIdEmprendedor"),
            CategoryId = ReadInt(row, "categoriaIdCategoria"),
        };
    }

    private static string? ReadString(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? ReadInt(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.Number &&
        value.TryGetInt32(out var number)
            ? number
            : null;

    private static decimal ReadDecimal(JsonElement row, string column)
    {
        if (!row.TryGetProperty(column, out var value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(
                value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var text) => text,
            _ => 0,
        };
    }
}

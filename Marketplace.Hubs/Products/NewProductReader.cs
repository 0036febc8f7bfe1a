using System.Text.Json;
using Marketplace.Data.Products;
using Marketplace.Hubs.Realtime;

namespace Marketplace.Hubs.Products;

/// <summary>
/// Reads a NewProduct (PROTOCOL.md) into a <see cref="Product"/>, naming every field that is wrong.
/// </summary>
internal static class NewProductReader
{
    /// <summary>Returns the product <paramref name="json"/> describes, or throws <c>validation_failed</c>.</summary>
    public static Product Read(JsonElement json, ProductOptions limits)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw ClientErrors.Create(
                ErrorCodes.ValidationFailed,
                "'product' must be an object with nombre, precio and descripcion.");
        }

        var problems = new List<string>();

        var name = ReadName(json, limits.MaxNameLength, problems);
        var description = ReadText(json, "descripcion", limits.MaxDescriptionLength, required: true, problems);
        var price = ReadPrice(json, limits.MaxPrice, problems);
        var stock = ReadStock(json, limits.MaxStock, problems);
        var imageUrl = ReadText(json, "imagenURL", limits.MaxImageUrlLength, required: false, problems);
        var categoryId = ReadOptionalId(json, "categoriaIdCategoria", problems);
        var sellerId = ReadOptionalId(json, "emprendedorIdEmprendedor", problems);

        if (problems.Count > 0)
        {
            throw ClientErrors.Create(ErrorCodes.ValidationFailed, string.Join(" ", problems));
        }

        return new Product
        {
            Name = name!,
            Description = description,
            Price = price,
            Stock = stock,
            ImageUrl = imageUrl ?? string.Empty,
            CategoryId = categoryId,
            SellerId = sellerId,
        };
    }

    private static string? ReadName(JsonElement json, int maxLength, List<string> problems)
    {
        // The predecessor's clients send "nombre"; the column's own name is accepted too.
        var field = json.TryGetProperty("nombreProducto", out _) && !json.TryGetProperty("nombre", out _)
            ? "nombreProducto"
            : "nombre";
        var name = ReadText(json, field, maxLength, required: true, problems);

        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{field} must not be blank.");
        }

        return name;
    }

    private static string? ReadText(
        JsonElement json,
        string field,
        int maxLength,
        bool required,
        List<string> problems)
    {
        if (!json.TryGetProperty(field, out var value) || (!required && value.ValueKind == JsonValueKind.Null))
        {
            if (required)
            {
                problems.Add($"{field} is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{field} must be a string.");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            problems.Add($"{field} must be at most {maxLength} characters long.");
        }

        return text;
    }

    private static decimal ReadPrice(JsonElement json, decimal maxPrice, List<string> problems)
    {
        if (!json.TryGetProperty("precio", out var value))
        {
            problems.Add("precio is required.");
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var price))
        {
            problems.Add("precio must be a number.");
            return 0;
        }

        if (price < 0)
        {
            problems.Add("precio must not be negative.");
        }
        else if (price > maxPrice)
        {
            problems.Add($"precio must be at most {maxPrice}.");
        }

        return price;
    }

    private static int ReadStock(JsonElement json, int maxStock, List<string> problems)
    {
        var stock = ReadWholeNumber(json, "stock", problems, "stock must be a whole number.") ?? 1;
        if (stock < 0)
        {
            problems.Add("stock must not be negative.");
        }
        else if (stock > maxStock)
        {
            problems.Add($"stock must be at most {maxStock}.");
        }

        return stock;
    }

    private static int? ReadOptionalId(JsonElement json, string field, List<string> problems) =>
        ReadWholeNumber(json, field, problems, $"{field} must be a whole number or null.");

    // Null when the member is missing or null, or when it is not a whole number (then a problem is added).
    private static int? ReadWholeNumber(JsonElement json, string field, List<string> problems, string problem)
    {
        if (!json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            problems.Add(problem);
            return null;
        }

        return number;
    }
}

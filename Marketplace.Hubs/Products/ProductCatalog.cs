using System.Text.Json;
using Marketplace.Data.Products;
using Marketplace.Hubs.ChangeFeed;
using Marketplace.Hubs.Realtime;
using Marketplace.Hubs.Realtime.Replies;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Products;

/// <summary>
/// The product actions of the hub: paging through the catalogue and adding to it.
/// </summary>
internal sealed class ProductCatalog(
    IProductStore store,
    ChangeFeedSignal changeFeed,
    IOptions<ProductOptions> options)
{
    private readonly ProductOptions _options = options.Value;

    /// <summary>Reads the page of products after <paramref name="after"/>.</summary>
    public async Task<ProductsReply> GetPageAsync(int? limit, int? after, CancellationToken cancellationToken)
    {
        var pageSize = limit ?? _options.DefaultPageSize;
        if (pageSize < 1 || pageSize > _options.MaxPageSize)
        {
            throw ClientErrors.Create(
                ErrorCodes.InvalidRequest,
                $"'limit' must be between 1 and {_options.MaxPageSize}.");
        }

        var page = await store.GetPageAsync(pageSize, after, cancellationToken);

        var items = new ProductJson[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ProductJson.From(page.Items[i]);
        }

        return new ProductsReply(items, page.Next);
    }

    /// <summary>
    /// Validates and stores a new product. The change feed announces it on <c>productos</c>, once, as it
    /// announces every other program's writes.
    /// </summary>
    public async Task<ProductAddedReply> AddAsync(JsonElement newProduct, CancellationToken cancellationToken)
    {
        var product = NewProductReader.Read(newProduct, _options);

        var stored = ProductJson.From(await store.AddAsync(product, cancellationToken));

        // Polling feeds would otherwise see this write only at their next interval.
        changeFeed.Wake();

        return new ProductAddedReply([stored]);
    }
}

using System.Collections.Concurrent;
using System.Net;
using Marketplace.Hubs.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Limits;

/// <summary>
/// Stands before the realtime endpoints: refuses browsers from origins not allowed (403) and remote addresses
/// that already hold their share of connections (429), before any WebSocket is accepted.
/// </summary>
/// <remarks>
/// A counted request carries its <see cref="ConnectionSlot"/>, which a legacy connection served below the HTTP
/// layer keeps after its request has ended.
/// </remarks>
internal sealed class ConnectionGateMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ConnectionGateOptions _options;
    private readonly IPNetwork[] _exempt;
    private readonly HashSet<string> _origins;
    private readonly ILogger<ConnectionGateMiddleware> _logger;
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>Initializes a new instance of the <see cref="ConnectionGateMiddleware"/> class.</summary>
    public ConnectionGateMiddleware(
        RequestDelegate next,
        IOptions<ConnectionGateOptions> options,
        ILogger<ConnectionGateMiddleware> logger)
    {
        _next = next;
        _options = options.Value;
        _exempt = [.. _options.ExemptRanges.Select(range => IPNetwork.Parse(range))];
        _origins = new HashSet<string>(
            _options.AllowedOrigins.Select(origin => origin.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        _logger = logger;
    }

    /// <summary>Handles one request to a realtime endpoint.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (_origins.Count > 0 && origin.Length > 0 && !_origins.Contains(origin))
        {
            LimitsLog.OriginRefused(_logger, origin);
            return RefuseAsync(context, StatusCodes.Status403Forbidden, $"Origin {origin} may not connect here.");
        }

        // Uncounted connections go on without an async frame that would live as long as they do. The address is
        // read from the feature: HttpContext.Connection makes a wrapper that would live as long as well.
        var address = context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress;
        return address is null || !IsLongLived(context) || IsExempt(address)
            ? _next(context)
            : CountAsync(context, address);
    }

    private async Task CountAsync(HttpContext context, IPAddress address)
    {
        var open = _open.AddOrUpdate(address, 1, static (_, count) => count + 1);
        var slot = new ConnectionSlot(() => Release(address));
        try
        {
            if (open > _options.PerAddress)
            {
                LimitsLog.AddressAtLimit(_logger, address.ToString(), _options.PerAddress);
                await RefuseAsync(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    $"Your address already holds {_options.PerAddress} connections, the most allowed; close one.");
                return;
            }

            context.Features.Set(slot);
            await _next(context);
        }
        finally
        {
            if (!slot.IsKept)
            {
                slot.Release();
            }
        }
    }

    private void Release(IPAddress address)
    {
        if (_open.AddOrUpdate(address, 0, static (_, count) => count - 1) == 0)
        {
            // Remove only a count still at zero, so a connection opened meanwhile keeps its entry.
            _open.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    // Negotiation is a short request; the connection itself is the WebSocket, event stream or poll after it.
    private static bool IsLongLived(HttpContext context) => !context.Request.Path.StartsWithSegments(
        MarketplaceApplication.HubPath + "/negotiate", StringComparison.Ordinal);

    private bool IsExempt(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_options.ExemptLoopback && IPAddress.IsLoopback(address))
        {
            return true;
        }

        foreach (var network in _exempt)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted);
    }
}

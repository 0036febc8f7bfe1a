using Marketplace.Hubs.Hosting;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Hubs.Security;

/// <summary>
/// Reads the bearer token of a request to the realtime endpoints, from the <c>Authorization</c> header or the
/// <c>access_token</c> query parameter (browsers cannot set headers on a WebSocket, and SignalR clients send it
/// there), and makes its caller the request's user.
/// </summary>
/// <remarks>
/// A request without a token is anonymous. A request with a token that is not valid is refused, not served as
/// anonymous: SignalR requests get 401 with the reason in <c>WWW-Authenticate</c>, and legacy WebSocket clients,
/// whose browsers cannot read a refused upgrade, get an error frame and close 1008 from
/// <see cref="Legacy.LegacyWebSocketHandler"/>, which reads the reason from <see cref="TokenRefusal"/>.
/// </remarks>
internal sealed class BearerTokenMiddleware(
    RequestDelegate next,
    TokenValidator validator,
    ILogger<BearerTokenMiddleware> logger)
{
    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        // Most connections carry no token: hand them on without an async frame that would live as long as they do.
        var token = ReadToken(context.Request);
        return !validator.Enabled || token is null ? next(context) : AuthenticateAsync(context, token);
    }

    private async Task AuthenticateAsync(HttpContext context, string token)
    {
        var validation = await validator.ValidateAsync(token);
        if (validation.Identity is { } identity)
        {
            context.User = CallerPrincipal.Create(identity);
            await next(context);
            return;
        }

        var reason = validation.Failure!;
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        SecurityLog.TokenRefused(logger, remote, context.Request.Path, reason);

        if (!context.Request.Path.StartsWithSegments(MarketplaceApplication.HubPath, StringComparison.Ordinal))
        {
            context.Features.Set(new TokenRefusal(reason));
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace('"', '\'')}\"";
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted);
    }

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query.TryGetValue("access_token", out var query) && !StringValues.IsNullOrEmpty(query)
            ? query.ToString()
            : null;
    }
}

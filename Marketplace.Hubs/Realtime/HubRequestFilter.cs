using System.Globalization;
using System.Net.WebSockets;
using Marketplace.Data.Failures;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Limits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Realtime;

/// <summary>
/// Wraps every hub call: logs it, applies the per-connection request rate, and turns failures into the coded
/// errors of PROTOCOL.md, so no exception text but a <see cref="HubException"/>'s reaches a client.
/// </summary>
internal sealed class HubRequestFilter(
    IOptions<RequestRateOptions> rateOptions,
    TimeProvider time,
    ILogger<HubRequestFilter> logger) : IHubFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connectionId = invocationContext.Context.ConnectionId;
        var method = invocationContext.HubMethodName;
        HubLog.Request(logger, connectionId, method);

        EnsureWithinRate(invocationContext.Context, connectionId, method);

        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            HubLog.Refused(logger, connectionId, method, refusal.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (DatabaseUnavailableException unavailable)
        {
            var advice = DatabaseFailures.Describe(unavailable, target: null) ?? unavailable.Message;
            HubLog.DatabaseUnavailable(logger, connectionId, method, advice);
            throw ClientErrors.Create(
                ErrorCodes.Unavailable,
                "The product database cannot be reached right now; try again in a few seconds.");
        }
        catch (Exception exception)
        {
            HubLog.Failed(logger, exception, connectionId, method);
            throw ClientErrors.Create(
                ErrorCodes.InternalError,
                "Something went wrong on the server; it has been logged.");
        }
    }

    private void EnsureWithinRate(HubCallerContext context, string connectionId, string method)
    {
        var bucket = ConnectionSession.Of(context).Requests ??= new RequestBucket(rateOptions.Value, time);

        if (bucket.TryTake(out var retryAfter))
        {
            return;
        }

        var milliseconds = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        HubLog.Refused(logger, connectionId, method, "rate limited");

        if (bucket.RefusedInARow >= rateOptions.Value.DisconnectAfterRefusals)
        {
            LimitsLog.Flooding(logger, connectionId, bucket.RefusedInARow);
            context.Features.Get<ILegacyConnectionFeature>()?.SetCloseReason(
                WebSocketCloseStatus.PolicyViolation, "Too many requests over the rate limit.");
            context.Abort();
        }

        throw ClientErrors.Create(
            ErrorCodes.RateLimited,
            $"Too many requests: at most {rateOptions.Value.PerSecond} a second. Retry in {milliseconds} ms.");
    }
}

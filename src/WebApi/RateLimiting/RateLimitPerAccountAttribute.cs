using System.Threading.RateLimiting;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Telemetry;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AuthFlow.WebApi.RateLimiting;

/// <summary>
/// Limits an action per (normalized email, client IP) with the named policy. It runs after model binding, since the
/// email is in the body, and after the model-state check, so a body that is not JSON of the right shape is never
/// counted (a well-formed body that the validator refuses is).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RateLimitPerAccountAttribute : TypeFilterAttribute
{
    public RateLimitPerAccountAttribute(string policy)
        : base(typeof(AccountRateLimitFilter))
    {
        Policy = policy;
        Arguments = [policy];
    }

    public string Policy { get; }
}

internal sealed class AccountRateLimitFilter(string policy, AccountRateLimiters limiters, AuthFlowMetrics metrics) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var email = context.ActionArguments.Values.OfType<IAccountRequest>().FirstOrDefault()?.Email;
        if (string.IsNullOrWhiteSpace(email))
        {
            // Nothing to key on: the validator refuses the request, and the per-IP limit has already counted it.
            await next();
            return;
        }

        var partition = $"{User.NormalizeEmail(email)}\n{ClientAddress.Of(context.HttpContext)}";
        using var lease = await limiters.AcquireAsync(policy, partition, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            metrics.RateLimitRejected(policy);
            context.Result = ErrorResults.TooManyRequests(context.HttpContext, RetryAfterOf(lease));
            return;
        }

        await next();
    }

    public static TimeSpan? RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
}

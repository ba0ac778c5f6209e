using System.Diagnostics;
using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.Infrastructure.Audit;

/// <summary>Outside an HTTP request (the command line, background work): no caller, no client; the current trace, if any.</summary>
internal sealed class SystemRequestContext : IRequestContext
{
    public Guid? UserId => null;

    public string? IpAddress => null;

    public string? UserAgent => null;

    public string? TraceId => Activity.Current?.TraceId.ToString();
}

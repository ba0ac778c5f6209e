using AuthFlow.Application.Common.Results;
using AuthFlow.WebApi.Http;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

/// <summary>Shared shape of every endpoint: failures as problem details, nothing cached.</summary>
[ApiController]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class ApiController : ControllerBase
{
    protected ActionResult Respond<T>(Result<T> result, Func<T, ActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : result.Error!.ToActionResult(HttpContext);
}

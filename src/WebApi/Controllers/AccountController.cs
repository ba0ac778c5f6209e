using AuthFlow.Application.Users.Queries.GetAccountActivity;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

[Authorize]
[Route("api/account")]
public sealed class AccountController(ISender sender) : ApiController
{
    [HttpGet("activity")]
    [EndpointName("getAccountActivity")]
    [EndpointSummary("The caller's own recent security events (logins with address and user agent, password, session and role changes), newest first.")]
    [ProducesResponseType<AuditEventListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> Activity([FromQuery] string? cursor, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetAccountActivityQuery(User.GetUserId(), cursor, limit), cancellationToken);
        return Respond(result, page => Ok(AuditEventListResponse.From(page)));
    }
}

using AuthFlow.Application.Users.Queries.GetDashboard;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

[Authorize]
[Route("api/dashboard")]
public sealed class DashboardController(ISender sender) : ApiController
{
    [HttpGet]
    [EndpointName("getDashboard")]
    [EndpointSummary("Get the dashboard")]
    [EndpointDescription("A summary for the signed-in user: the last login and the active sessions.")]
    [ProducesResponseType<DashboardResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> Get(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetDashboardQuery(User.GetUserId(), User.GetSessionId()), cancellationToken);
        return Respond(result, dashboard => Ok(new DashboardResponse(
            UserResponse.From(dashboard.User), dashboard.LastLoginAt, dashboard.ActiveSessions, dashboard.CurrentSessionId)));
    }
}

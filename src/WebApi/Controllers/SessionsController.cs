using AuthFlow.Application.Auth.Commands.EndSession;
using AuthFlow.Application.Auth.Queries.ListSessions;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

[Authorize]
[Route("api/auth/sessions")]
public sealed class SessionsController(ISender sender) : ApiController
{
    [HttpGet]
    [EndpointName("listSessions")]
    [EndpointSummary("List the sessions")]
    [EndpointDescription("The caller's active sessions, most recently used first; `current` marks this request's session.")]
    [ProducesResponseType<SessionsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> List(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListSessionsQuery(User.GetUserId(), User.GetSessionId()), cancellationToken);
        return Respond(result, sessions => Ok(new SessionsResponse(sessions.Select(SessionResponse.From).ToList())));
    }

    [HttpDelete("{id:guid}")]
    [EndpointName("endSession")]
    [EndpointSummary("End a session")]
    [EndpointDescription("Ends one of the caller's sessions: its refresh tokens stop working and its access tokens are refused. An unknown, ended or someone else's session gets `404 session_not_found`.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> End(Guid id, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new EndSessionCommand(User.GetUserId(), id), cancellationToken);
        return Respond(result, _ => NoContent());
    }
}

using AuthFlow.Application.Users.Queries.GetProfile;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

[Authorize]
[Route("api/profile")]
public sealed class ProfileController(ISender sender) : ApiController
{
    [HttpGet]
    [EndpointName("getProfile")]
    [EndpointSummary("Get the profile")]
    [EndpointDescription("The signed-in user.")]
    [ProducesResponseType<ProfileResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> Get(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetProfileQuery(User.GetUserId()), cancellationToken);
        return Respond(result, user => Ok(new ProfileResponse(UserResponse.From(user))));
    }
}

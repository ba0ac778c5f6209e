using AuthFlow.Application.Account.Commands.ChangeEmail;
using AuthFlow.Application.Account.Commands.ChangePassword;
using AuthFlow.Application.Account.Commands.DeleteAccount;
using AuthFlow.Application.Users.Queries.GetAccountActivity;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

/// <summary>
/// A signed-in user looks after their own account. Every change confirms the password, and on an account with a second
/// factor needs an access token from a login that used it (else <c>403 mfa_required</c>).
/// </summary>
[Authorize]
[Route("api/account")]
[Consumes("application/json")]
[RequestSizeLimit(AuthController.MaxBodyBytes)]
[ContentLengthLimit(AuthController.MaxBodyBytes)]
public sealed class AccountController(ISender sender) : ApiController
{
    /// <summary>Sets a new password (the registration policy applies); every other session ends, this one stays.</summary>
    [HttpPost("password")]
    [EndpointName("changePassword")]
    [EndpointSummary("Change the password")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new ChangePasswordCommand(User.GetUserId(), User.GetSessionId(), User.GetAuthenticationMethods(), request.CurrentPassword ?? "", request.NewPassword ?? ""),
            cancellationToken);
        return Respond(result, _ => NoContent());
    }

    /// <summary>
    /// Mails a confirmation link to the new address and a notice to the current one; the email changes when the link
    /// is used (<c>POST /api/auth/verify-email</c>). The answer is the same whether or not the new address is taken.
    /// </summary>
    [HttpPost("email")]
    [EndpointName("changeEmail")]
    [EndpointSummary("Ask to change the email address")]
    [ProducesResponseType<EmailChangeAcceptedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> ChangeEmail(ChangeEmailRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new ChangeEmailCommand(User.GetUserId(), User.GetAuthenticationMethods(), request.Password ?? "", request.NewEmail ?? ""), cancellationToken);
        return Respond(result, _ => Accepted(new EmailChangeAcceptedResponse()));
    }

    /// <summary>Erases the caller's account, confirmed with the password; every session ends at once.</summary>
    [HttpDelete]
    [EndpointName("deleteAccount")]
    [EndpointSummary("Delete the account")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> Delete(DeleteAccountRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new DeleteAccountCommand(User.GetUserId(), User.GetAuthenticationMethods(), request.Password ?? ""), cancellationToken);
        return Respond(result, _ => NoContent());
    }

    /// <summary>The caller's own recent security events, so a user can spot a login that was not them.</summary>
    [HttpGet("activity")]
    [EndpointName("getAccountActivity")]
    [EndpointSummary("List my security events")]
    [EndpointDescription("The caller's own recent security events (logins with address and user agent, password, session and role changes), newest first.")]
    [ProducesResponseType<AuditEventListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> Activity([FromQuery] string? cursor, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetAccountActivityQuery(User.GetUserId(), cursor, limit), cancellationToken);
        return Respond(result, page => Ok(AuditEventListResponse.From(page)));
    }
}

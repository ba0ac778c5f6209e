using AuthFlow.Application.Admin.Commands.DeleteUser;
using AuthFlow.Application.Admin.Commands.DisableUser;
using AuthFlow.Application.Admin.Commands.EnableUser;
using AuthFlow.Application.Admin.Commands.EndUserSessions;
using AuthFlow.Application.Admin.Commands.GrantRole;
using AuthFlow.Application.Admin.Commands.RemoveUserFactors;
using AuthFlow.Application.Admin.Commands.RevokeRole;
using AuthFlow.Application.Admin.Commands.SendUserPasswordReset;
using AuthFlow.Application.Admin.Queries.GetUser;
using AuthFlow.Application.Admin.Queries.ListAuditEvents;
using AuthFlow.Application.Admin.Queries.SearchUsers;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

/// <summary>Account administration and the audit trail, for callers whose access token holds the <c>admin</c> role.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("api/admin")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class AdminController(ISender sender) : ApiController
{
    [HttpGet("users")]
    [EndpointName("adminSearchUsers")]
    [EndpointSummary("Search accounts")]
    [EndpointDescription("Searches accounts by email or username prefix, role and status; keyset-paginated in creation order.")]
    [ProducesResponseType<AdminUserListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult> SearchUsers(
        [FromQuery] string? q, [FromQuery] string? role, [FromQuery] string? status, [FromQuery] string? cursor, [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        var result = await sender.Send(new SearchUsersQuery(q, role, status, cursor, limit), cancellationToken);
        return Respond(result, page => Ok(new AdminUserListResponse(page.Items.Select(AdminUserResponse.From).ToList(), page.NextCursor)));
    }

    [HttpGet("users/{id:guid}")]
    [EndpointName("adminGetUser")]
    [EndpointSummary("Get an account")]
    [EndpointDescription("One account: roles, status, email verification, creation, last login and active session count.")]
    [ProducesResponseType<AdminUserEnvelope>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> GetUser(Guid id, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetUserQuery(id), cancellationToken);
        return Respond(result, user => Ok(new AdminUserEnvelope(AdminUserDetailResponse.From(user))));
    }

    [HttpPost("users/{id:guid}/disable")]
    [EndpointName("adminDisableUser")]
    [EndpointSummary("Disable an account")]
    [EndpointDescription("Disables an account and ends its sessions; idempotent. The last active admin cannot be disabled (409 last_admin).")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> DisableUser(Guid id, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new DisableUserCommand(id), cancellationToken), _ => NoContent());

    [HttpPost("users/{id:guid}/enable")]
    [EndpointName("adminEnableUser")]
    [EndpointSummary("Enable an account")]
    [EndpointDescription("Enables a disabled account; idempotent.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> EnableUser(Guid id, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new EnableUserCommand(id), cancellationToken), _ => NoContent());

    [HttpPut("users/{id:guid}/roles/{role}")]
    [EndpointName("adminGrantRole")]
    [EndpointSummary("Grant a role")]
    [EndpointDescription("Grants a role (created on first use); idempotent. A change ends the account's sessions.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> GrantRole(Guid id, string role, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new GrantRoleCommand(id, role), cancellationToken), _ => NoContent());

    [HttpDelete("users/{id:guid}/roles/{role}")]
    [EndpointName("adminRevokeRole")]
    [EndpointSummary("Revoke a role")]
    [EndpointDescription("Revokes a role; idempotent. A change ends the account's sessions; the last active admin keeps admin (409 last_admin).")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> RevokeRole(Guid id, string role, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new RevokeRoleCommand(id, role), cancellationToken), _ => NoContent());

    [HttpDelete("users/{id:guid}/mfa")]
    [EndpointName("adminRemoveUserFactors")]
    [EndpointSummary("Remove an account's second factors")]
    [EndpointDescription("Removes every second factor of the account (authenticator app, passkeys, recovery codes) and ends its sessions; it then signs in with its password alone.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> RemoveUserFactors(Guid id, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new RemoveUserFactorsCommand(id), cancellationToken), _ => NoContent());

    [HttpDelete("users/{id:guid}/sessions")]
    [EndpointName("adminEndUserSessions")]
    [EndpointSummary("End an account's sessions")]
    [EndpointDescription("Ends every session of the account; its access tokens are refused on every instance within a second.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> EndUserSessions(Guid id, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new EndUserSessionsCommand(id), cancellationToken), _ => NoContent());

    [HttpPost("users/{id:guid}/password-reset")]
    [EndpointName("adminSendPasswordReset")]
    [EndpointSummary("Send an account a password reset link")]
    [EndpointDescription("Mails the account a password reset link (the forgot-password flow).")]
    [ProducesResponseType<AcceptedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult> SendPasswordReset(Guid id, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new SendUserPasswordResetCommand(id), cancellationToken), _ => Accepted(AcceptedResponse.AdminPasswordReset));

    [HttpDelete("users/{id:guid}")]
    [EndpointName("adminDeleteUser")]
    [EndpointSummary("Delete an account")]
    [EndpointDescription("Erases the account and its personal data; its audit events remain without email or username. Not the last active admin (409 last_admin).")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> DeleteUser(Guid id, CancellationToken cancellationToken) =>
        Respond(await sender.Send(new DeleteUserCommand(id), cancellationToken), _ => NoContent());

    [HttpGet("audit")]
    [EndpointName("adminListAuditEvents")]
    [EndpointSummary("Search the audit trail")]
    [EndpointDescription("The audit trail, newest first: filter by subject, actor, type prefix and time range; keyset-paginated.")]
    [ProducesResponseType<AuditEventListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult> ListAuditEvents(
        [FromQuery] Guid? subject, [FromQuery] string? actor, [FromQuery] string? type, [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to, [FromQuery] string? cursor, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListAuditEventsQuery(subject, actor, type, from, to, cursor, limit), cancellationToken);
        return Respond(result, page => Ok(AuditEventListResponse.From(page)));
    }
}

using AuthFlow.Application.Mfa.Commands.ConfirmTotp;
using AuthFlow.Application.Mfa.Commands.DeletePasskey;
using AuthFlow.Application.Mfa.Commands.EnrolTotp;
using AuthFlow.Application.Mfa.Commands.RegenerateRecoveryCodes;
using AuthFlow.Application.Mfa.Commands.RegisterPasskey;
using AuthFlow.Application.Mfa.Commands.RemoveTotp;
using AuthFlow.Application.Mfa.Commands.StartPasskeyRegistration;
using AuthFlow.Application.Mfa.Queries.GetMfaStatus;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Controllers;

/// <summary>The caller's second factors: an authenticator app (TOTP) and its recovery codes.</summary>
[Authorize]
[Route("api/account/mfa")]
[RequestSizeLimit(AuthController.MaxBodyBytes)]
[ContentLengthLimit(AuthController.MaxBodyBytes)]
public sealed class MfaController(ISender sender) : ApiController
{
    /// <summary>The caller's factors and how many unused recovery codes remain.</summary>
    [HttpGet]
    [EndpointName("getMfaStatus")]
    [EndpointSummary("List second factors")]
    [ProducesResponseType<MfaStatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> Get(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetMfaStatusQuery(User.GetUserId()), cancellationToken);
        return Respond(result, status => Ok(MfaStatusResponse.From(status)));
    }

    /// <summary>Starts setting up an authenticator app: a new secret, its otpauth URI and a QR code, pending until confirmed.</summary>
    [HttpPost("totp")]
    [EndpointName("enrolTotp")]
    [EndpointSummary("Start setting up an authenticator app")]
    [ProducesResponseType<TotpEnrolmentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> EnrolTotp(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new EnrolTotpCommand(User.GetUserId(), User.GetAuthenticationMethods()), cancellationToken);
        return Respond(result, enrolment => Ok(TotpEnrolmentResponse.From(enrolment)));
    }

    /// <summary>Confirms the pending authenticator app with a code from it; returns 10 recovery codes, shown once.</summary>
    [HttpPost("totp/confirm")]
    [Consumes("application/json")]
    [EndpointName("confirmTotp")]
    [EndpointSummary("Confirm the authenticator app")]
    [ProducesResponseType<RecoveryCodesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> ConfirmTotp(ConfirmTotpRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ConfirmTotpCommand(User.GetUserId(), User.GetAuthenticationMethods(), request.Code ?? ""), cancellationToken);
        return Respond(result, codes => Ok(new RecoveryCodesResponse(codes)));
    }

    /// <summary>Removes the authenticator app (password and a current code); the last factor takes the recovery codes with it and ends other sessions.</summary>
    [HttpDelete("totp")]
    [Consumes("application/json")]
    [EndpointName("removeTotp")]
    [EndpointSummary("Remove the authenticator app")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> RemoveTotp(RemoveTotpRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new RemoveTotpCommand(User.GetUserId(), User.GetSessionId(), User.GetAuthenticationMethods(), request.Password ?? "", request.Code, request.RecoveryCode),
            cancellationToken);
        return Respond(result, _ => NoContent());
    }

    /// <summary>Replaces the recovery codes with 10 new ones (shown once), confirmed with the password or a current code.</summary>
    [HttpPost("recovery-codes")]
    [Consumes("application/json")]
    [EndpointName("regenerateRecoveryCodes")]
    [EndpointSummary("Regenerate the recovery codes")]
    [ProducesResponseType<RecoveryCodesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> RegenerateRecoveryCodes(RegenerateRecoveryCodesRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new RegenerateRecoveryCodesCommand(User.GetUserId(), User.GetAuthenticationMethods(), request.Password, request.Code), cancellationToken);
        return Respond(result, codes => Ok(new RecoveryCodesResponse(codes)));
    }

    /// <summary>Starts registering a passkey: options for navigator.credentials.create() and their challenge id.</summary>
    [HttpPost("passkeys/options")]
    [EndpointName("passkeyRegistrationOptions")]
    [EndpointSummary("Start registering a passkey")]
    [ProducesResponseType<PasskeyOptionsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> PasskeyOptions(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new StartPasskeyRegistrationCommand(User.GetUserId(), User.GetAuthenticationMethods()), cancellationToken);
        return Respond(result, start => Ok(PasskeyOptionsResponse.From(start)));
    }

    /// <summary>Stores the passkey the browser created, under a name; the first second factor also gets recovery codes.</summary>
    [HttpPost("passkeys")]
    [Consumes("application/json")]
    [EndpointName("registerPasskey")]
    [EndpointSummary("Register a passkey")]
    [ProducesResponseType<RegisteredPasskeyResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult> RegisterPasskey(RegisterPasskeyRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new RegisterPasskeyCommand(User.GetUserId(), User.GetAuthenticationMethods(), request.ChallengeId ?? Guid.Empty, request.Name ?? "", request.Credential?.GetRawText() ?? ""),
            cancellationToken);
        return Respond(result, passkey => StatusCode(StatusCodes.Status201Created, RegisteredPasskeyResponse.From(passkey)));
    }

    /// <summary>Deletes the caller's passkey of this name (password required); the last factor takes the recovery codes with it and ends other sessions.</summary>
    [HttpDelete("passkeys/{name}")]
    [Consumes("application/json")]
    [EndpointName("deletePasskey")]
    [EndpointSummary("Delete a passkey")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> DeletePasskey(string name, DeletePasskeyRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new DeletePasskeyCommand(User.GetUserId(), User.GetSessionId(), User.GetAuthenticationMethods(), name, request.Password ?? ""), cancellationToken);
        return Respond(result, _ => NoContent());
    }
}

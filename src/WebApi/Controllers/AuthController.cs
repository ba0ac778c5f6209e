using AuthFlow.Application.Auth.Commands.ForgotPassword;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Auth.Commands.Logout;
using AuthFlow.Application.Auth.Commands.Refresh;
using AuthFlow.Application.Auth.Commands.Register;
using AuthFlow.Application.Auth.Commands.ResendVerification;
using AuthFlow.Application.Auth.Commands.ResetPassword;
using AuthFlow.Application.Auth.Commands.VerifyEmail;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.Http;
using AuthFlow.WebApi.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;

namespace AuthFlow.WebApi.Controllers;

[Route("api/auth")]
[Consumes("application/json")]
[RequestSizeLimit(MaxBodyBytes)]
[ContentLengthLimit(MaxBodyBytes)]
public sealed class AuthController(ISender sender) : ApiController
{
    /// <summary>Auth bodies are a few hundred bytes; anything past this is refused with 413 before it is read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    [HttpPost("register")]
    [EndpointName("register")]
    [EndpointSummary("Register an account")]
    [EndpointDescription("Creates an account and mails a link that verifies its email address. The password is stored only as a bcrypt hash.")]
    [EnableRateLimiting(RateLimitPolicies.RegisterPerIp)]
    [RateLimitPerAccount(RateLimitPolicies.RegisterPerAccountAndIp)]
    [ProducesResponseType<RegisterResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> Register(RegisterRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RegisterCommand(request.Username ?? "", request.Email ?? "", request.Password ?? ""), cancellationToken);
        return Respond(result, user => StatusCode(StatusCodes.Status201Created, new RegisterResponse(UserResponse.From(user))));
    }

    [HttpPost("login")]
    [EndpointName("login")]
    [EndpointSummary("Log in")]
    [EndpointDescription("Exchanges an email and a password for an access token and a refresh token, which start a new session.")]
    [EnableRateLimiting(RateLimitPolicies.LoginPerIp)]
    [RateLimitPerAccount(RateLimitPolicies.LoginPerAccountAndIp)]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> Login(LoginRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new LoginCommand(request.Email ?? "", request.Password ?? "", HttpContext.GetClientIpAddress(), HttpContext.GetUserAgent()), cancellationToken);
        return Respond(result, login => Ok(new LoginResponse(
            UserResponse.From(login.User), login.Tokens.AccessToken, login.Tokens.RefreshToken, login.Tokens.ExpiresIn)));
    }

    [HttpPost("refresh")]
    [EndpointName("refreshTokens")]
    [EndpointSummary("Refresh the tokens")]
    [EndpointDescription("Exchanges a refresh token for a new access token and a new refresh token; the old refresh token stops working.")]
    [EnableRateLimiting(RateLimitPolicies.RefreshPerIp)]
    [ProducesResponseType<RefreshResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> Refresh(RefreshRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RefreshTokenCommand(request.RefreshToken ?? ""), cancellationToken);
        return Respond(result, tokens => Ok(new RefreshResponse(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn)));
    }

    [Authorize]
    [HttpPost("logout")]
    [EndpointName("logout")]
    [EndpointSummary("Log out")]
    [EndpointDescription("Ends sessions of the caller. Scope `current` (the default, also without a body) ends the session of the access token, and that of the given refresh token when it is the caller's; `all` ends every session; `others` every other one.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult> Logout(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LogoutRequest? request,
        CancellationToken cancellationToken)
    {
        var result = await sender.Send(new LogoutCommand(User.GetUserId(), User.GetSessionId(), request?.RefreshToken, request?.Scope), cancellationToken);
        return Respond(result, _ => NoContent());
    }

    [HttpPost("forgot-password")]
    [EndpointName("forgotPassword")]
    [EndpointSummary("Ask for a password reset link")]
    [EndpointDescription("Mails a password reset link if an account has this email. The answer is the same either way.")]
    [EnableRateLimiting(RateLimitPolicies.EmailLinkPerIp)]
    [RateLimitPerAccount(RateLimitPolicies.EmailLinkPerAccountAndIp)]
    [ProducesResponseType<AcceptedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> ForgotPassword(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ForgotPasswordCommand(request.Email ?? ""), cancellationToken);
        return Respond(result, _ => Accepted(AcceptedResponse.ForgotPassword));
    }

    [HttpPost("reset-password")]
    [EndpointName("resetPassword")]
    [EndpointSummary("Reset the password")]
    [EndpointDescription("Sets a new password with the token from a reset email; every session of the account ends.")]
    [EnableRateLimiting(RateLimitPolicies.TokenRedeemPerIp)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> ResetPassword(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ResetPasswordCommand(request.Token ?? "", request.Password ?? ""), cancellationToken);
        return Respond(result, _ => NoContent());
    }

    [HttpPost("verify-email")]
    [EndpointName("verifyEmail")]
    [EndpointSummary("Verify the email address")]
    [EndpointDescription("Marks the account's email address verified with the token from a verification email.")]
    [EnableRateLimiting(RateLimitPolicies.TokenRedeemPerIp)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> VerifyEmail(VerifyEmailRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new VerifyEmailCommand(request.Token ?? ""), cancellationToken);
        return Respond(result, _ => NoContent());
    }

    [HttpPost("resend-verification")]
    [EndpointName("resendVerification")]
    [EndpointSummary("Resend the verification link")]
    [EndpointDescription("Mails a new verification link to an unverified account, at most once per cooldown. The answer is the same either way.")]
    [EnableRateLimiting(RateLimitPolicies.EmailLinkPerIp)]
    [RateLimitPerAccount(RateLimitPolicies.EmailLinkPerAccountAndIp)]
    [ProducesResponseType<AcceptedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> ResendVerification(ResendVerificationRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ResendVerificationCommand(request.Email ?? ""), cancellationToken);
        return Respond(result, _ => Accepted(AcceptedResponse.ResendVerification));
    }
}

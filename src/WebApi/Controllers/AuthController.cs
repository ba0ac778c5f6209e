using AuthFlow.Application.Auth.Commands.ForgotPassword;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Auth.Commands.LoginWithMfa;
using AuthFlow.Application.Auth.Commands.LoginWithPasskey;
using AuthFlow.Application.Auth.Commands.Logout;
using AuthFlow.Application.Auth.Commands.Refresh;
using AuthFlow.Application.Auth.Commands.Register;
using AuthFlow.Application.Auth.Commands.ResendVerification;
using AuthFlow.Application.Auth.Commands.ResetPassword;
using AuthFlow.Application.Auth.Commands.StartPasskeyLogin;
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

    /// <summary>Creates an account. The password is stored only as a bcrypt hash.</summary>
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

    /// <summary>
    /// Exchanges email and password for an access token and a refresh token. With <c>AuthFlow-Refresh-Transport: cookie</c>
    /// the refresh token is set in an HttpOnly cookie instead of the body (ADR 0012).
    /// </summary>
    [HttpPost("login")]
    [EndpointName("login")]
    [EndpointSummary("Log in")]
    [EndpointDescription("Exchanges an email and a password for an access token and a refresh token, which start a new session (or, for an account with a second factor, for an mfaToken).")]
    [EnableRateLimiting(RateLimitPolicies.LoginPerIp)]
    [RateLimitPerAccount(RateLimitPolicies.LoginPerAccountAndIp)]
    [RefreshTokenCookieGuard]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<MfaRequiredResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<ActionResult> Login(LoginRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new LoginCommand(request.Email ?? "", request.Password ?? "", HttpContext.GetClientIpAddress(), HttpContext.GetUserAgent()), cancellationToken);
        return Respond(result, LoginReply);
    }

    /// <summary>
    /// Completes a login that needs a second factor, with the mfaToken and a TOTP code, a recovery code or a passkey.
    /// With <c>AuthFlow-Refresh-Transport: cookie</c> the refresh token is set in the HttpOnly cookie (ADR 0012).
    /// </summary>
    [HttpPost("login/mfa")]
    [EndpointName("loginMfa")]
    [EndpointSummary("Complete a login with a second factor")]
    [EnableRateLimiting(RateLimitPolicies.LoginPerIp)]
    [RefreshTokenCookieGuard]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> LoginMfa(LoginMfaRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new LoginWithMfaCommand(
                request.MfaToken ?? "", request.Code, request.RecoveryCode, HttpContext.GetClientIpAddress(), HttpContext.GetUserAgent(),
                request.Passkey is null ? null : request.Passkey.ChallengeId ?? Guid.Empty, request.Passkey?.Credential?.GetRawText()),
            cancellationToken);
        return Respond(result, LoginReply);
    }

    /// <summary>Starts a passkey assertion, for a sign-in without a password or for the second step of a login.</summary>
    [HttpPost("passkey/options")]
    [EndpointName("passkeyLoginOptions")]
    [EndpointSummary("Start a passkey sign-in")]
    [EnableRateLimiting(RateLimitPolicies.LoginPerIp)]
    [ProducesResponseType<PasskeyOptionsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> PasskeyOptions(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new StartPasskeyLoginCommand(), cancellationToken);
        return Respond(result, start => Ok(PasskeyOptionsResponse.From(start)));
    }

    /// <summary>
    /// Signs in without a password with a passkey's assertion; the session's amr is ["hwk"]. With
    /// <c>AuthFlow-Refresh-Transport: cookie</c> the refresh token is set in the HttpOnly cookie (ADR 0012).
    /// </summary>
    [HttpPost("passkey")]
    [EndpointName("passkeyLogin")]
    [EndpointSummary("Sign in with a passkey")]
    [EnableRateLimiting(RateLimitPolicies.LoginPerIp)]
    [RefreshTokenCookieGuard]
    [ProducesResponseType<LoginResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> PasskeyLogin(PasskeyAssertionRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new LoginWithPasskeyCommand(request.ChallengeId ?? Guid.Empty, request.Credential?.GetRawText() ?? "", HttpContext.GetClientIpAddress(), HttpContext.GetUserAgent()),
            cancellationToken);
        return Respond(result, LoginReply);
    }

    /// <summary>
    /// The tokens of the new session, or, when a second factor is still to come, the mfaToken and its methods. With
    /// <c>AuthFlow-Refresh-Transport: cookie</c> the refresh token goes into the HttpOnly cookie instead of the body.
    /// </summary>
    private OkObjectResult LoginReply(LoginResult login) => login.Tokens switch
    {
        null => Ok(new MfaRequiredResponse(login.Mfa!.MfaToken, login.Mfa.Methods)),
        { } tokens when RefreshTokenCookie.IsRequested(Request) => Ok(LoginResponse.InCookie(login.User, RefreshTokenCookie.Issue(HttpContext, tokens))),
        { } tokens => Ok(new LoginResponse(UserResponse.From(login.User), tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn)),
    };

    /// <summary>
    /// Exchanges a refresh token for a new access token and a new refresh token; the old one stops working. With
    /// <c>AuthFlow-Refresh-Transport: cookie</c> the token is read from, and its successor set in, the HttpOnly cookie.
    /// </summary>
    [HttpPost("refresh")]
    [EndpointName("refreshTokens")]
    [EndpointSummary("Refresh the tokens")]
    [EndpointDescription("Exchanges a refresh token for a new access token and a new refresh token; the old refresh token stops working.")]
    [EnableRateLimiting(RateLimitPolicies.RefreshPerIp)]
    [RefreshTokenCookieGuard]
    [ProducesResponseType<RefreshResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> Refresh(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (!RefreshTokenCookie.IsRequested(Request))
        {
            var result = await sender.Send(new RefreshTokenCommand(request.RefreshToken ?? ""), cancellationToken);
            return Respond(result, tokens => Ok(new RefreshResponse(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn)));
        }

        var fromCookie = await sender.Send(new RefreshTokenCommand(RefreshTokenCookie.Read(Request) ?? ""), cancellationToken);
        RefreshTokenCookie.ClearIfRefused(HttpContext, fromCookie);
        return Respond(fromCookie, tokens => Ok(RefreshResponse.InCookie(RefreshTokenCookie.Issue(HttpContext, tokens))));
    }

    /// <summary>
    /// Ends sessions of the caller. Scope <c>current</c> (the default) ends the session of the access token (and of the
    /// given refresh token, when it is the caller's); <c>all</c> ends every session; <c>others</c> every other one.
    /// With <c>AuthFlow-Refresh-Transport: cookie</c> the refresh token is the cookie's, and the cookie is cleared when
    /// this session ends.
    /// </summary>
    [Authorize]
    [HttpPost("logout")]
    [EndpointName("logout")]
    [EndpointSummary("Log out")]
    [EndpointDescription("Ends sessions of the caller. Scope `current` (the default, also without a body) ends the session of the access token, and that of the given refresh token when it is the caller's; `all` ends every session; `others` every other one.")]
    [RefreshTokenCookieGuard]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<ActionResult> Logout(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LogoutRequest? request,
        CancellationToken cancellationToken)
    {
        var viaCookie = RefreshTokenCookie.IsRequested(Request);
        var refreshToken = viaCookie ? RefreshTokenCookie.Read(Request) : request?.RefreshToken;
        var result = await sender.Send(new LogoutCommand(User.GetUserId(), User.GetSessionId(), refreshToken, request?.Scope), cancellationToken);
        return Respond(result, _ => RefreshTokenCookie.ClearIfSessionEnded(HttpContext, viaCookie, request?.Scope, NoContent()));
    }

    /// <summary>Mails a password reset link if an account has this email. The answer is the same either way.</summary>
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

    /// <summary>Sets a new password with the token from a reset email; every session of the account ends.</summary>
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

    /// <summary>Marks the account's email verified with the token from a verification email.</summary>
    [HttpPost("verify-email")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [EndpointName("verifyEmail")]
    [EndpointSummary("Verify the email address")]
    [EndpointDescription("Marks the account's email address verified with the token from a verification email (or, for an email change, moves the account to the new address).")]
    [EnableRateLimiting(RateLimitPolicies.TokenRedeemPerIp)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<ActionResult> VerifyEmail(VerifyEmailRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new VerifyEmailCommand(request.Token ?? ""), cancellationToken);
        return Respond(result, _ => NoContent());
    }

    /// <summary>Mails a new verification link to an unverified account, at most once per cooldown. The answer is the same either way.</summary>
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

// Drives AuthFlow through the Kiota client generated from its OpenAPI document: register, log in, read the profile,
// refresh, list the sessions, log out, and read error codes from typed problem details (the Problem exception).
// Run: AUTHFLOW_API=http://127.0.0.1:5080 dotnet run
using AuthFlow.Client;
using AuthFlow.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var baseUrl = Environment.GetEnvironmentVariable("AUTHFLOW_API") ?? "http://127.0.0.1:5080";
using var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = baseUrl };
var client = new AuthFlowApiClient(adapter);

var email = $"cs-client-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}@example.com";
const string password = "correct horse battery";

var registered = await client.Api.Auth.Register.PostAsync(new RegisterRequest { Username = "cs-client", Email = email, Password = password });
Check(registered?.User?.Email == email, "register");
Console.WriteLine($"register: 201, user {registered!.User!.Id}");

var taken = await ProblemOf(() => client.Api.Auth.Register.PostAsync(new RegisterRequest { Username = "cs-client", Email = email, Password = password }));
Check(taken.Code == ErrorCode.Email_taken, $"register again: {taken.Code}");
Console.WriteLine($"register again: {taken.ResponseStatusCode} {taken.Code}");

// A login answers tokens or, for an account with a second factor, an mfaToken: Kiota reads the answer into the
// wrapper's member for each shape.
var login = (await client.Api.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = password }))?.LoginResponse;
Check(login?.AccessToken is not null && login.RefreshToken is not null, "login");
Console.WriteLine($"login: 200, expires in {login!.ExpiresIn} s");

var wrong = await ProblemOf(() => client.Api.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = "not the password" }));
Check(wrong.Code == ErrorCode.Invalid_credentials, $"wrong password: {wrong.Code}");
Console.WriteLine($"wrong password: {wrong.ResponseStatusCode} {wrong.Code}");

var profile = await client.Api.Profile.GetAsync(Bearer(login.AccessToken!));
Check(profile?.User?.Email == email, "profile");
Console.WriteLine($"profile: 200, {profile!.User!.Username}");

var refreshed = await client.Api.Auth.Refresh.PostAsync(new RefreshRequest { RefreshToken = login.RefreshToken });
Check(refreshed?.AccessToken is not null && refreshed.RefreshToken is not null, "refresh");
Console.WriteLine("refresh: 200, new token pair");

var sessions = await client.Api.Auth.Sessions.GetAsync(Bearer(refreshed!.AccessToken!));
Check(sessions?.Sessions?.Exists(s => s.Current == true) == true, "sessions");
Console.WriteLine($"sessions: 200, {sessions!.Sessions!.Count} active");

await client.Api.Auth.Logout.PostAsync(new LogoutRequest { Scope = LogoutRequest_scope.Current }, Bearer(refreshed.AccessToken!));
Console.WriteLine("logout: 204");

var stale = await ProblemOf(() => client.Api.Auth.Refresh.PostAsync(new RefreshRequest { RefreshToken = refreshed.RefreshToken }));
Check(stale.Code == ErrorCode.Invalid_refresh_token, $"refresh after logout: {stale.Code}");
Console.WriteLine($"refresh after logout: {stale.ResponseStatusCode} {stale.Code}");

var ended = await ProblemOf(() => client.Api.Profile.GetAsync(Bearer(refreshed.AccessToken!)));
Check(ended.Code == ErrorCode.Unauthorized, $"profile after logout: {ended.Code}");
Console.WriteLine($"profile after logout: {ended.ResponseStatusCode} {ended.Code}");

Console.WriteLine("csharp client: ok");
return 0;

// Only the operations that need it send the access token.
static Action<RequestConfiguration<DefaultQueryParameters>> Bearer(string accessToken) =>
    config => config.Headers.Add("Authorization", $"Bearer {accessToken}");

static async Task<Problem> ProblemOf(Func<Task> call)
{
    try
    {
        await call();
    }
    catch (Problem problem)
    {
        return problem;
    }

    throw new InvalidOperationException("Expected a problem response, got a success.");
}

static void Check(bool condition, string step)
{
    if (!condition)
    {
        throw new InvalidOperationException($"Unexpected answer: {step}");
    }
}

using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Email;

/// <summary>
/// Forgot-password and resend-verification are stored in PostgreSQL before the 202, so a crash after the answer loses
/// neither: whichever instance runs next sends the email.
/// </summary>
public sealed class DurableEmailRequestTests : ApiTestBase
{
    private const string Email = "dora@example.com";

    [Test]
    public async Task ForgotPassword_IsStoredBeforeTheAnswer_ThenRunAndRemoved()
    {
        await RegisterAsync();

        using var response = await Api.ForgotPasswordAsync(Email);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var reset = (await Mail.WaitForAsync(Email, count: 2)).Where(m => m.Subject!.Contains("password", StringComparison.OrdinalIgnoreCase));
        Assert.That(reset, Has.Exactly(1).Items);
        Assert.That(await EventuallyEmptyAsync(), Is.True, "the request row is removed once it has run");
    }

    [Test]
    public async Task ARequestStoredByAnInstanceThatCrashed_IsRunByThisOne()
    {
        await RegisterAsync();

        // What a crashed instance leaves behind: the row it stored before answering 202, never run.
        await Database.ExecuteAsync(
            "insert into background_requests (id, kind, email, requested_at, attempts, next_attempt_at) values (@id, 'password_reset', @email, now(), 0, now())",
            ("id", Guid.CreateVersion7()), ("email", Email));

        // The verification email of the registration, and the reset email of the stored request.
        var messages = await Mail.WaitForAsync(Email, count: 2);
        Assert.That(messages.Where(m => m.Subject!.Contains("password", StringComparison.OrdinalIgnoreCase)), Has.Exactly(1).Items);
    }

    [Test]
    public async Task ForgotPassword_ForAnUnknownEmail_StoresAndAnswersTheSame()
    {
        using var unknown = await Api.ForgotPasswordAsync("nobody@example.com");
        await RegisterAsync();
        using var known = await Api.ForgotPasswordAsync(Email);

        Assert.That(unknown.StatusCode, Is.EqualTo(known.StatusCode));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await known.Content.ReadAsStringAsync()));
    }

    private async Task RegisterAsync()
    {
        using var registered = await Api.RegisterAsync(Email);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private async Task<bool> EventuallyEmptyAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (await Database.ScalarAsync<long>("select count(*) from background_requests") > 0)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}

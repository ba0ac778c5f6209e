using System.Text.RegularExpressions;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AuthFlow.WebApi.BrowserTests;

/// <summary>The flows a person goes through on the account pages, in Chromium, against the real API and database.</summary>
public sealed partial class AccountPagesTests : BrowserTestBase
{
    [Test]
    public async Task Register_ThenTheEmailedLink_VerifiesTheAddressOnAButtonPress()
    {
        await Page.GotoAsync("/account/register");
        await ScreenshotAsync("register");

        await Page.GetByLabel("Username").FillAsync("alice");
        await Page.GetByLabel("Email").FillAsync("alice@example.com");
        await Page.GetByLabel("Password").FillAsync("password123");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The server's rule, next to the field it names, and the field marked invalid.
        await Expect(Page.Locator("#password-error")).ToContainTextAsync("at least 12 characters");
        await Expect(Page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync("register-password-refused");

        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#done-email")).ToHaveTextAsync("alice@example.com");
        await ScreenshotAsync("register-done");

        var email = (await BrowserHost.Mail.WaitForAsync("alice@example.com")).Single();
        var link = email.Link();
        Assert.That(link, Does.StartWith(new Uri(BrowserHost.BaseAddress, "/account/verify-email?token=").AbsoluteUri));

        await Page.GotoAsync(link);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" })).ToBeVisibleAsync();
        await ScreenshotAsync("verify-email");
        // Opening the link (as a mail scanner would) verifies nothing.
        Assert.That((await LoginAsync("alice@example.com"))["user"]!["emailVerified"]!.GetValue<bool>(), Is.False);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your email address is verified" })).ToBeVisibleAsync();
        await ScreenshotAsync("verify-email-done");
        Assert.That((await LoginAsync("alice@example.com"))["user"]!["emailVerified"]!.GetValue<bool>(), Is.True);

        // The same link again: it says why not, and offers a new one.
        await Page.GotoAsync(link);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This link can no longer be used" })).ToBeVisibleAsync();
        await Page.GetByLabel("Email").FillAsync("alice@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send a new link" }).ClickAsync();
        await Expect(Page.Locator("#new-link-sent")).ToContainTextAsync("new verification link");
        await ScreenshotAsync("verify-email-expired");
    }

    [Test]
    public async Task ForgotPassword_TheResetLink_SetsANewPassword_AndEndsEveryOldSession()
    {
        await RegisterAsync("bob@example.com", "bob");
        var laptop = await LoginAsync("bob@example.com");
        var phone = await LoginAsync("bob@example.com", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1");

        await Page.GotoAsync("/account/forgot-password");
        await Page.GetByLabel("Email").FillAsync("bob@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(Page.Locator("#done-message")).ToContainTextAsync("If an account exists for this email");
        await ScreenshotAsync("forgot-password-sent");

        var email = (await BrowserHost.Mail.WaitForAsync("bob@example.com", count: 2)).Single(m => m.Subject?.StartsWith("Reset", StringComparison.Ordinal) == true);
        await Page.GotoAsync(email.Link());
        await Expect(Page.GetByText("At least 12 characters")).ToBeVisibleAsync();
        await ScreenshotAsync("reset-password");

        await Page.GetByLabel("New password").FillAsync("a brand new passphrase for bob");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your password has been changed" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("Every session of your account has ended")).ToBeVisibleAsync();
        await ScreenshotAsync("reset-password-done");

        foreach (var session in new[] { laptop, phone })
        {
            Assert.That(await ProfileStatusAsync(session["accessToken"]!.GetValue<string>()), Is.EqualTo(401), "an old access token");
            Assert.That(await RefreshStatusAsync(session["refreshToken"]!.GetValue<string>()), Is.EqualTo(401), "an old refresh token");
        }

        // The same link again gets a page that says so and offers a new one.
        await Page.GotoAsync(email.Link());
        await Page.GetByLabel("New password").FillAsync("yet another passphrase for bob");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This link can no longer be used" })).ToBeVisibleAsync();
        await ScreenshotAsync("reset-password-expired");

        // And the new password signs in.
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync("bob@example.com");
        await Page.GetByLabel("Password").FillAsync("a brand new passphrase for bob");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync("bob");
    }

    [Test]
    public async Task SignIn_ByKeyboard_ListsSessions_AndEndsAnother()
    {
        await RegisterAsync("carol@example.com", "carol");
        var otherDevice = await LoginAsync("carol@example.com");

        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync("carol@example.com");
        await Page.GetByLabel("Password").FillAsync("not her password at all");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#form-error")).ToHaveTextAsync("The email or password is incorrect.");
        await ScreenshotAsync("sign-in-refused");

        // Keyboard alone: focus the email field, type, tab, type, Enter.
        await Page.GetByLabel("Email").FocusAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync("carol@example.com");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync(Password);
        var loginBody = "";
        await Page.RouteAsync("**/api/auth/login", async route =>
        {
            var answer = await route.FetchAsync();
            loginBody = await answer.TextAsync();
            await route.FulfillAsync(new() { Response = answer });
        });
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(Page.Locator("#profile-email")).ToHaveTextAsync("carol@example.com");
        Assert.That(loginBody, Does.Contain("accessToken").And.Not.Contain("refreshToken"), "the pages never see the refresh token");
        var rows = Page.Locator("#sessions-body tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "(this device)" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasText = "Firefox on Linux" })).ToHaveCountAsync(1);
        await ScreenshotAsync("account");

        // The refresh token is in an HttpOnly cookie that script cannot read; no token is stored anywhere script can.
        var cookie = (await Context.CookiesAsync()).Single(c => c.Name == "__Host-authflow-refresh");
        Assert.Multiple(() =>
        {
            Assert.That(cookie.HttpOnly, Is.True);
            Assert.That(cookie.Secure, Is.True);
            Assert.That(cookie.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
            Assert.That(cookie.Path, Is.EqualTo("/"));
        });
        Assert.That(await Page.EvaluateAsync<string>("() => document.cookie"), Does.Not.Contain("authflow-refresh"));
        Assert.That(await Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"), Is.Zero);

        await rows.Filter(new() { HasText = "Firefox on Linux" }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("#sessions-status")).ToContainTextAsync("has ended");
        await Expect(rows).ToHaveCountAsync(1);
        await ScreenshotAsync("account-session-ended");
        Assert.That(await ProfileStatusAsync(otherDevice["accessToken"]!.GetValue<string>()), Is.EqualTo(401), "the ended session's access token");

        // A new page load is still signed in (through the cookie), and signing out ends it.
        await Page.ReloadAsync();
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync("carol");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in\\?signed-out$"));
        await Expect(Page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await ScreenshotAsync("signed-out");
        Assert.That((await Context.CookiesAsync()).Where(c => c.Name == "__Host-authflow-refresh"), Is.Empty);
        await Page.GotoAsync("/account");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in$"));
    }

    [Test]
    public async Task SignIn_AfterTooManyFailures_SaysHowManySecondsToWait()
    {
        await RegisterAsync("dave@example.com", "dave");
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync("dave@example.com");
        await Page.GetByLabel("Password").FillAsync("a wrong password");
        var error = Page.Locator("#form-error");
        for (var attempt = 0; attempt < 10 && !(await error.TextContentAsync() ?? "").Contains("Try again", StringComparison.Ordinal); attempt++)
        {
            var answer = Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/auth/login", StringComparison.Ordinal));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await answer;
        }

        await Expect(error).ToHaveTextAsync(new Regex(@"^Too many attempts\. Try again in \d+ seconds?\.$"));
        await ScreenshotAsync("sign-in-throttled");
    }

    [Test]
    public async Task VerifyEmail_WithoutAToken_OffersTheResendForm()
    {
        await Page.GotoAsync("/account/verify-email");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ask for a new verification link" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Send a new link" })).ToBeVisibleAsync();
    }
}

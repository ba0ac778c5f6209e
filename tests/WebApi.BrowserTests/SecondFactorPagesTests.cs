using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AuthFlow.WebApi.BrowserTests;

/// <summary>
/// Second factors on the account pages (ADR 0010, 0012), in Chromium against the real API and database: an authenticator
/// app enrolled from its QR code and key, recovery codes shown once, the second sign-in step, and passkeys made and used
/// with Chromium's virtual authenticator.
/// </summary>
public sealed class SecondFactorPagesTests : BrowserTestBase
{
    [Test]
    public async Task AuthenticatorApp_Enrolled_ThenSignInAsksForItsCode_OrARecoveryCode_AndItCanBeRemoved()
    {
        await RegisterAsync("alice@example.com");
        await SignInAsync("alice@example.com", "alice");
        await Expect(Page.Locator("#totp-state")).ToHaveTextAsync("Not set up.");

        // Enrol: the QR code (a data: image the CSP allows) and the key for typing in.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var qr = Page.GetByRole(AriaRole.Img, new() { Name = "QR code to add AuthFlow Demo to your authenticator app" });
        await Expect(qr).ToBeVisibleAsync();
        await Expect(qr).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        await Page.WaitForFunctionAsync("() => { const image = document.getElementById('totp-qr'); return image.complete && image.naturalWidth > 0; }");
        var secret = await ShownTotpSecretAsync();
        Assert.That(secret, Does.Match("^[A-Z2-7]{32}$"), "the base32 key the page shows");
        await Expect(Page.Locator("#totp-code")).ToBeFocusedAsync();
        await ScreenshotAsync("account-totp-enrol");

        var confirm = Page.Locator("#totp-confirm-form");
        await confirm.GetByLabel("Code from the app").FillAsync("12345");
        await confirm.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("#totp-code-error")).ToContainTextAsync("6 digits");
        await Expect(confirm.GetByLabel("Code from the app")).ToHaveAttributeAsync("aria-invalid", "true");

        await confirm.GetByLabel("Code from the app").FillAsync(TotpCode(secret));
        await confirm.GetByRole(AriaRole.Button).ClickAsync();

        // The recovery codes, this once, with the message to save them.
        var recovery = Page.Locator("#recovery-codes");
        await Expect(recovery.GetByRole(AriaRole.Heading, new() { Name = "Save these recovery codes now" })).ToBeVisibleAsync();
        await Expect(recovery).ToContainTextAsync("shown only this once");
        await Expect(Page.Locator("#recovery-codes-list li")).ToHaveCountAsync(10);
        var codes = await Page.Locator("#recovery-codes-list li").AllTextContentsAsync();
        await Expect(Page.Locator("#mfa-status")).ToContainTextAsync("The authenticator app is on");
        await Expect(Page.Locator("#totp-state")).ToContainTextAsync("On since");
        await ScreenshotAsync("account-recovery-codes");

        // Reload: the codes are gone for good; only how many are left is shown.
        await Page.ReloadAsync();
        await Expect(Page.Locator("#mfa-summary")).ToContainTextAsync("You have 10 unused recovery codes");
        await Expect(recovery).ToBeHiddenAsync();
        Assert.That(await Page.ContentAsync(), Does.Not.Contain(codes[0]));

        // Sign in again: the password, then the second step asks for the app's code.
        await SignOutAsync();
        await SubmitSignInAsync("alice@example.com");
        var step = Page.Locator("#mfa-form");
        await Expect(step.GetByRole(AriaRole.Heading, new() { Name = "Two-step verification" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-in-form")).ToBeHiddenAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await ScreenshotAsync("sign-in-second-step");

        await Page.GetByLabel("Code from your authenticator app").FillAsync("000000");
        await step.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(step).ToContainTextAsync("The code is incorrect or was already used.");
        await ScreenshotAsync("sign-in-second-step-refused");

        // The next step's code: the one confirmed at enrolment cannot be used twice.
        await Page.GetByLabel("Code from your authenticator app").FillAsync(TotpCode(secret, steps: 1));
        await step.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync("alice");

        // Signed in with the app, the recovery codes can be replaced (with the password); they are shown once again.
        await Page.Locator("#recovery-regenerate summary").ClickAsync();
        var regenerate = Page.Locator("#recovery-regenerate-form");
        await regenerate.GetByLabel("Password").FillAsync(Password);
        await regenerate.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        await Expect(Page.Locator("#mfa-status")).ToContainTextAsync("the old ones no longer work");
        await Expect(Page.Locator("#recovery-codes-list li")).ToHaveCountAsync(10);
        var newCodes = await Page.Locator("#recovery-codes-list li").AllTextContentsAsync();
        Assert.That(newCodes.Intersect(codes), Is.Empty, "new codes");
        await ScreenshotAsync("account-recovery-codes-regenerated");
        await Page.GetByRole(AriaRole.Button, new() { Name = "I have saved them" }).ClickAsync();
        await Expect(recovery).ToBeHiddenAsync();
        Assert.That(await Page.Locator("#recovery-codes-list li").CountAsync(), Is.Zero);

        // Sign in with a recovery code: an old one is refused, a new one works.
        await SignOutAsync();
        await SubmitSignInAsync("alice@example.com");
        await step.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code instead" }).ClickAsync();
        await Expect(Page.GetByLabel("Recovery code")).ToBeFocusedAsync();
        await Page.GetByLabel("Recovery code").FillAsync(codes[0]);
        await step.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(step).ToContainTextAsync("The code is incorrect or was already used.");
        await ScreenshotAsync("sign-in-recovery-code");
        await Page.GetByLabel("Recovery code").FillAsync(newCodes[0]);
        await step.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(Page.Locator("#mfa-summary")).ToContainTextAsync("You have 9 unused recovery codes");

        // Remove the app with the password and a recovery code; the next sign-in needs the password alone.
        await Page.Locator("#totp-remove summary").ClickAsync();
        var remove = Page.Locator("#totp-remove-form");
        await remove.GetByLabel("Password").FillAsync(Password);
        await remove.GetByLabel("Or a recovery code").FillAsync(newCodes[1]);
        await remove.GetByRole(AriaRole.Button, new() { Name = "Remove the authenticator app" }).ClickAsync();
        await Expect(Page.Locator("#mfa-status")).ToHaveTextAsync("The authenticator app has been removed.");
        await Expect(Page.Locator("#totp-state")).ToHaveTextAsync("Not set up.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" })).ToBeVisibleAsync();
        await ScreenshotAsync("account-totp-removed");

        await SignOutAsync();
        await SignInAsync("alice@example.com", "alice");
        Assert.That(Console, Has.None.Contains("Content Security Policy"), "no CSP violation on the way");
    }

    [Test]
    public async Task Passkey_RegisteredOnTheAccountPage_SignsInWithoutAPassword_AndAsASecondStep_AndCanBeRemoved()
    {
        var (cdp, authenticatorId) = await AddVirtualAuthenticatorAsync();
        await RegisterAsync("bob@example.com", "bob");
        await SignInAsync("bob@example.com", "bob");
        await Expect(Page.Locator("#passkeys-empty")).ToBeVisibleAsync();

        await Page.GetByLabel("Name for the new passkey").FillAsync("Work laptop");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(Page.Locator("#mfa-status")).ToHaveTextAsync("The passkey \"Work laptop\" has been added.");
        var listed = Page.Locator("#passkeys-list li");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync("Work laptop");
        await Expect(listed).ToContainTextAsync("not used yet");
        // The first second factor of the account comes with its recovery codes, shown once.
        await Expect(Page.Locator("#recovery-codes-list li")).ToHaveCountAsync(10);
        await ScreenshotAsync("account-passkey-added");

        var held = await VirtualCredentialsAsync(cdp, authenticatorId);
        Assert.That(held, Has.Length.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(held[0].GetProperty("isResidentCredential").GetBoolean(), Is.True, "a discoverable passkey");
            Assert.That(held[0].GetProperty("rpId").GetString(), Is.EqualTo("localhost"));
        });

        // Sign in with the passkey alone: no email, no password.
        await SignOutAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync("bob");
        await Expect(listed).ToContainTextAsync("last used");
        await ScreenshotAsync("account-signed-in-with-passkey");

        // A second passkey on the same authenticator is refused by the browser: the options exclude the account's own.
        await Page.GetByLabel("Name for the new passkey").FillAsync("Second");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(Page.Locator("#passkey-add-form")).ToContainTextAsync("This device already holds a passkey for your account.");
        Assert.That(await VirtualCredentialsAsync(cdp, authenticatorId), Has.Length.EqualTo(1));

        // The password now needs a second step, which the passkey completes.
        await SignOutAsync();
        await SubmitSignInAsync("bob@example.com");
        var step = Page.Locator("#mfa-form");
        await Expect(step.GetByRole(AriaRole.Heading, new() { Name = "Two-step verification" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Recovery code")).ToBeVisibleAsync();
        await ScreenshotAsync("sign-in-second-step-passkey");
        await step.GetByRole(AriaRole.Button, new() { Name = "Use a passkey instead" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account$"));

        // Removing it asks for the password; a wrong one is refused next to the field.
        await listed.GetByRole(AriaRole.Button, new() { Name = "Remove passkey Work laptop" }).ClickAsync();
        var remove = Page.Locator("#passkey-remove-form");
        await Expect(remove).ToContainTextAsync("remove the passkey \"Work laptop\"");
        await remove.GetByLabel("Password").FillAsync("not the password at all");
        await remove.GetByRole(AriaRole.Button, new() { Name = "Remove the passkey" }).ClickAsync();
        await Expect(remove).ToContainTextAsync("The password is incorrect.");
        await remove.GetByLabel("Password").FillAsync(Password);
        await remove.GetByRole(AriaRole.Button, new() { Name = "Remove the passkey" }).ClickAsync();
        await Expect(Page.Locator("#mfa-status")).ToHaveTextAsync("The passkey \"Work laptop\" has been removed.");
        await Expect(listed).ToHaveCountAsync(0);
        await Expect(Page.Locator("#passkeys-empty")).ToBeVisibleAsync();

        // The authenticator still holds the credential, but the service no longer knows it.
        await SignOutAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(Page.Locator("#passkey-error")).ToHaveTextAsync("The passkey could not be verified.");
        await ScreenshotAsync("sign-in-passkey-refused");
    }

    [Test]
    public async Task StepUp_OnASessionWithoutTheSecondFactor_SaysSoAndOffersToSignInAgain()
    {
        await RegisterAsync("carol@example.com", "carol");
        await SignInAsync("carol@example.com", "carol");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var secret = await ShownTotpSecretAsync();
        await Page.Locator("#totp-confirm-form").GetByLabel("Code from the app").FillAsync(TotpCode(secret));
        await Page.Locator("#totp-confirm-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("#recovery-codes-list li")).ToHaveCountAsync(10);

        // This session signed in with the password alone, before the app existed: changing factors needs a fresh sign-in.
        await Page.Locator("#recovery-regenerate summary").ClickAsync();
        var regenerate = Page.Locator("#recovery-regenerate-form");
        await regenerate.GetByLabel("Password").FillAsync(Password);
        await regenerate.GetByRole(AriaRole.Button, new() { Name = "Make new recovery codes" }).ClickAsync();
        await Expect(regenerate).ToContainTextAsync("This change needs a sign-in with your authenticator app or a passkey.");
        await ScreenshotAsync("account-step-up-needed");

        await regenerate.GetByRole(AriaRole.Button, new() { Name = "Sign in again" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in\\?signed-out$"));
    }
}

using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AuthFlow.WebApi.BrowserTests;

/// <summary>What the browser enforces on the account pages: the CSP and the headers.</summary>
public sealed class PageSecurityTests : BrowserTestBase
{
    [Test]
    public async Task Csp_BlocksAnInjectedInlineScript_AndInlineHandlers()
    {
        await Page.GotoAsync("/account/sign-in");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        // As an injection would: an inline <script> and an inline event handler added to the page.
        var violations = await Page.EvaluateAsync<string[]>(@"async () => {
            const seen = [];
            document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
            const script = document.createElement('script');
            script.textContent = 'window.__injected = true;';
            document.body.append(script);
            const image = document.createElement('img');
            image.setAttribute('onerror', 'window.__handler = true;');
            image.src = 'data:,broken';
            document.body.append(image);
            await new Promise(resolve => setTimeout(resolve, 300));
            return seen;
        }");

        Assert.Multiple(async () =>
        {
            Assert.That(await Page.EvaluateAsync<bool>("() => window.__injected === true"), Is.False, "the inline script ran");
            Assert.That(await Page.EvaluateAsync<bool>("() => window.__handler === true"), Is.False, "the inline handler ran");
            Assert.That(violations, Has.Some.StartsWith("script-src"), "a CSP violation was reported");
            Assert.That(Console, Has.Some.Contains("Content Security Policy"));
        });
    }

    [TestCase("/account")]
    [TestCase("/account/sign-in")]
    [TestCase("/account/register")]
    [TestCase("/account/forgot-password")]
    [TestCase("/account/reset-password?token=abc")]
    [TestCase("/account/verify-email?token=abc")]
    public async Task EveryPage_IsServedWithStrictSecurityHeaders(string path)
    {
        var response = await Page.GotoAsync(path);
        var headers = await response!.AllHeadersAsync();
        Assert.Multiple(() =>
        {
            Assert.That(headers["content-security-policy"], Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'")
                .And.Contain("default-src 'none'").And.Not.Contain("unsafe-inline"));
            Assert.That(headers["referrer-policy"], Is.EqualTo("no-referrer"));
            Assert.That(headers["cache-control"], Is.EqualTo("no-store"));
            Assert.That(headers["x-content-type-options"], Is.EqualTo("nosniff"));
        });
    }

    [Test]
    public async Task ThePages_CannotBeFramed()
    {
        await Page.GotoAsync("/account/sign-in");
        // A page of the same origin that frames the sign-in page: frame-ancestors 'none' refuses even that.
        await Page.EvaluateAsync(@"() => new Promise(resolve => {
            const frame = document.createElement('iframe');
            frame.src = '/account/sign-in';
            frame.addEventListener('load', resolve);
            document.body.append(frame);
            setTimeout(resolve, 2000);
        })");
        var framed = Page.Frames.Single(f => f != Page.MainFrame);
        Assert.That(await framed.Locator("#sign-in-form").CountAsync(), Is.Zero, "the framed page rendered its form");
    }

    [Test]
    public void TheAxeBundle_IsInstalled() =>
        Assert.That(BrowserHost.AxeSource(), Does.Contain("axe"));
}

/// <summary>axe-core (npm, pinned in package.json) in each page state: no serious or critical violation.</summary>
public sealed class AccessibilityTests : BrowserTestBase
{
    // axe is injected as a script tag, which the pages' CSP rightly refuses; the check itself is about the markup.
    protected override BrowserNewContextOptions ContextOptions => new() { BypassCSP = true };

    [TestCase("/account/sign-in", "#sign-in-form")]
    [TestCase("/account/register", "#register-form")]
    [TestCase("/account/forgot-password", "#forgot-form")]
    [TestCase("/account/reset-password?token=abc", "#reset-form")]
    [TestCase("/account/verify-email?token=abc", "#verify-form")]
    [TestCase("/account/verify-email", "#expired")]
    public async Task Page_HasNoSeriousAccessibilityViolation(string path, string ready)
    {
        await Page.GotoAsync(path);
        await Expect(Page.Locator(ready)).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(path);
    }

    [Test]
    public async Task ErrorStatesAndTheAccountPage_HaveNoSeriousAccessibilityViolation()
    {
        await Page.GotoAsync("/account/register");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(Page.Locator("#email-error")).Not.ToBeEmptyAsync();
        await AssertNoSeriousViolationsAsync("register with errors");

        await Page.GotoAsync("/account/reset-password?token=not-a-real-token");
        await Page.GetByLabel("New password").FillAsync("a long enough passphrase");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.Locator("#expired")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("reset link expired");

        await RegisterAsync("erin@example.com", "erin");
        await LoginAsync("erin@example.com");
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync("erin@example.com");
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#sessions-body tr")).ToHaveCountAsync(2);
        await AssertNoSeriousViolationsAsync("account");
    }

    [Test]
    public async Task SecondFactorStates_HaveNoSeriousAccessibilityViolation()
    {
        await AddVirtualAuthenticatorAsync();
        await RegisterAsync("frank@example.com", "frank");
        await SignInAsync("frank@example.com", "frank");
        await AssertNoSeriousViolationsAsync("account with no second factor");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(Page.Locator("#totp-enrol")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("authenticator app enrolment");

        var secret = await ShownTotpSecretAsync();
        await Page.Locator("#totp-confirm-form").GetByLabel("Code from the app").FillAsync(TotpCode(secret));
        await Page.Locator("#totp-confirm-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("#recovery-codes-list li")).ToHaveCountAsync(10);
        await AssertNoSeriousViolationsAsync("recovery codes shown once");

        await SignOutAsync();
        await SubmitSignInAsync("frank@example.com");
        await Expect(Page.Locator("#mfa-form")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Page.Locator("#mfa-code-error")).Not.ToBeEmptyAsync();
        await AssertNoSeriousViolationsAsync("second sign-in step with an error");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Use a recovery code instead" }).ClickAsync();
        await AssertNoSeriousViolationsAsync("second sign-in step with a recovery code");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Use the authenticator app instead" }).ClickAsync();
        await Page.GetByLabel("Code from your authenticator app").FillAsync(TotpCode(secret, steps: 1));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Page.Locator("#profile-username")).ToHaveTextAsync("frank");
        await Page.GetByLabel("Name for the new passkey").FillAsync("Phone");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(Page.Locator("#passkeys-list li")).ToHaveCountAsync(1);
        await Page.Locator("#passkeys-list").GetByRole(AriaRole.Button, new() { Name = "Remove passkey Phone" }).ClickAsync();
        await Page.Locator("#totp-remove summary").ClickAsync();
        await Page.Locator("#recovery-regenerate summary").ClickAsync();
        await AssertNoSeriousViolationsAsync("account with an app, a passkey and the removal forms open");
    }

    private async Task AssertNoSeriousViolationsAsync(string state)
    {
        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = BrowserHost.AxeSource() });
        var json = await Page.EvaluateAsync<string>(@"async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })));
        }");
        var serious = JsonSerializer.Deserialize<JsonElement[]>(json)!;
        Assert.That(serious, Is.Empty, $"axe found serious or critical violations on {state}: {json}");
    }
}

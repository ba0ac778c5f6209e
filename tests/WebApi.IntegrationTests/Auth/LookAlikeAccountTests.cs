using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>
/// Issue 10's look-alikes and undeliverable addresses, through the real pipeline: each either finds the account it
/// imitates (409 email_taken, and logs in to it) or is refused (400 naming the field); none creates a second account.
/// </summary>
public sealed class LookAlikeAccountTests : ApiTestBase
{
    [TestCase("\u212Aate@example.com", "kate@example.com", TestName = "Kelvin sign for k")]
    [TestCase("\uFF4Bate@example.com", "kate@example.com", TestName = "fullwidth k")]
    [TestCase("\uFF4B\uFF41\uFF54\uFF45@example.com", "kate@example.com", TestName = "fullwidth local part")]
    [TestCase("d\u0131ck@example.com", "dick@example.com", TestName = "dotless i")]
    [TestCase("D\u0130CK@example.com", "dick@example.com", TestName = "capital I with dot")]
    [TestCase("jose\u0301@example.com", "jos\u00E9@example.com", TestName = "combining accent")]
    [TestCase("kate@\uFF45xample.com", "kate@example.com", TestName = "fullwidth letter in the domain")]
    [TestCase("kate@b\u00FCcher.example", "kate@xn--bcher-kva.example", TestName = "IDN domain in Unicode after punycode")]
    public async Task Register_WithALookAlikeOfAnExistingEmail_Returns409AndTheLookAlikeLogsIntoTheSameAccount(string lookAlike, string existing)
    {
        using (var first = await Api.RegisterAsync(existing))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        }

        using var second = await Api.RegisterAsync(lookAlike, username: "mallory");
        using var login = await Api.LoginAsync(lookAlike);

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the look-alike is the same account, not another");
    }

    [TestCase("k\u0430te@example.com", "kate@example.com", TestName = "Cyrillic a in the local part")]
    [TestCase("\u0455\u0441\u043E\u0440\u0435@example.com", "scope@example.com", TestName = "all-Cyrillic local part")]
    [TestCase("g\u03BF\u03BFgle@example.com", "google@example.com", TestName = "Greek omicrons")]
    [TestCase("kate@ex\u0430mple.com", "kate@example.com", TestName = "Cyrillic a in the domain")]
    [TestCase("scope@example.com", "\u0455\u0441\u043E\u0440\u0435@example.com", TestName = "plain address after its all-Cyrillic look-alike")]
    [TestCase("\uFF47\u03BF\u03BFgle@example.com", "google@example.com", TestName = "fullwidth g and Greek omicrons")]
    [TestCase("kate@exarnple.com", "kate@example.com", TestName = "rn for m in the domain")]
    public async Task Register_WithASkeletonLookAlikeOfAnExistingEmail_AnswersExactlyAsADuplicate_AndCreatesNoAccount(string lookAlike, string existing)
    {
        using (var first = await Api.RegisterAsync(existing))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        }

        using var duplicate = await Api.RegisterAsync(existing, username: "mallory");
        using var second = await Api.RegisterAsync(lookAlike, username: "mallory");

        var duplicateProblem = await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        var lookAlikeProblem = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        // Everything but the request's own trace id: nothing tells a look-alike from the address itself.
        duplicateProblem.Remove("traceId");
        lookAlikeProblem.Remove("traceId");
        Assert.That(lookAlikeProblem.ToJsonString(), Is.EqualTo(duplicateProblem.ToJsonString()));
        Assert.That(second.Content.Headers.ContentType?.ToString(), Is.EqualTo(duplicate.Content.Headers.ContentType?.ToString()));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
    }

    [Test]
    public async Task Register_WithADistinctNonAsciiEmail_IsAcceptedBesideAnAsciiOne()
    {
        using var plain = await Api.RegisterAsync("dmitri@example.com");
        using var cyrillic = await Api.RegisterAsync("\u0434\u043C\u0438\u0442\u0440\u0438\u0439@example.com", username: "dmitri");

        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(cyrillic.StatusCode, Is.EqualTo(HttpStatusCode.Created), await cyrillic.Content.ReadAsStringAsync());
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users where email_skeleton is not null"), Is.EqualTo(2));
    }

    [TestCase("ka\u200Bte@example.com", TestName = "zero-width space")]
    [TestCase("ka\u200Dte@example.com", TestName = "zero-width joiner")]
    [TestCase("ka\u202Ete@example.com", TestName = "right-to-left override")]
    [TestCase("ka\uFEFFte@example.com", TestName = "byte order mark")]
    [TestCase("fz-[new@example.com", TestName = "square bracket")]
    [TestCase("fz-,new@example.com", TestName = "comma")]
    [TestCase("f,-new@example.com", TestName = "comma after the first letter")]
    [TestCase("Kate <kate@example.com>", TestName = "display name")]
    [TestCase("\"kate\"@example.com", TestName = "quoted local part")]
    [TestCase("kate(x)@example.com", TestName = "comment")]
    [TestCase("kate@localhost", TestName = "single-label domain")]
    public async Task Register_WithAnInvisibleOrUndeliverableEmail_Returns400ForEmailAndStoresNothing(string email)
    {
        using var response = await Api.RegisterAsync(email);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "email" }));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
    }

    [TestCase("ka\u200Bte", TestName = "zero-width space")]
    [TestCase("ka\u200Cte", TestName = "zero-width non-joiner")]
    [TestCase("ka\u2066te", TestName = "bidi isolate")]
    [TestCase("ka\u00A0te", TestName = "no-break space")]
    [TestCase("p\u0430ypal", TestName = "Cyrillic a among Latin letters")]
    [TestCase("\u03BFscar", TestName = "Greek omicron among Latin letters")]
    [TestCase("\u0455\u0441\u043E\u0440\u0435", TestName = "all-Cyrillic look-alike of scope")]
    [TestCase("\u0440\u0430\u0443\u0440\u0430\u04CF", TestName = "all-Cyrillic look-alike of paypal")]
    [TestCase("g\u03BF\u03BF", TestName = "Latin g with Greek omicrons")]
    [TestCase("p\u0251ypal", TestName = "Latin alpha for a")]
    public async Task Register_WithAnInvisibleOrMixedScriptUsername_Returns400ForUsername(string username)
    {
        using var response = await Api.RegisterAsync("kate@example.com", username: username);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "username" }));
    }

    [Test]
    public async Task Register_WithAnIdnDomain_StoresAndReturnsItsAsciiForm()
    {
        using var response = await Api.RegisterAsync("kate@b\u00FCcher.example");

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        Assert.That(body["user"]!["email"]!.GetValue<string>(), Is.EqualTo("kate@xn--bcher-kva.example"));
        Assert.That(await Database.ScalarAsync<string>("select email from users"), Is.EqualTo("kate@xn--bcher-kva.example"));
    }

    [TestCase("\u043A\u0430\u0442\u044F", TestName = "Cyrillic katya")]
    [TestCase("\u0414\u043C\u0438\u0442\u0440\u0438\u0439", TestName = "Cyrillic Dmitriy")]
    [TestCase("\u0391\u03B8\u03B7\u03BD\u03AC", TestName = "Greek Athena")]
    [TestCase("Jos\u00E9", TestName = "Latin with an accent")]
    [TestCase("\u5C71\u7530 Taro", TestName = "Han with Latin")]
    public async Task Register_WithASingleScriptUsernameOfItsOwnLetters_IsAccepted(string username)
    {
        using var response = await Api.RegisterAsync("kate@example.com", username: username);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }
}

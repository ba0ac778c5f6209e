using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>Plain bcrypt hashes from before the pepper keep working, and a successful login upgrades them.</summary>
public sealed class PasswordRehashTests : ApiTestBase
{
    [Test]
    public async Task Login_WithAPlainBcryptHashFromBefore_SucceedsAndStoresAPepperedHash()
    {
        using var registered = await Api.RegisterAsync("alice@example.com");
        await SetHashAsync(BCrypt.Net.BCrypt.HashPassword(AuthFlowClient.DefaultPassword, 4));

        using var first = await Api.LoginAsync("alice@example.com");
        var upgraded = await Database.ScalarAsync<string>("select password_hash from users");
        using var second = await Api.LoginAsync("alice@example.com");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(upgraded, Does.StartWith("$hmac-sha384+bcrypt$$2"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Login_WithAPlainBcryptHashAndAWrongPassword_FailsAndKeepsTheHash()
    {
        using var registered = await Api.RegisterAsync("alice@example.com");
        var legacy = BCrypt.Net.BCrypt.HashPassword(AuthFlowClient.DefaultPassword, 4);
        await SetHashAsync(legacy);

        using var response = await Api.LoginAsync("alice@example.com", "not the password at all");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.That(await Database.ScalarAsync<string>("select password_hash from users"), Is.EqualTo(legacy));
    }

    private async Task SetHashAsync(string hash)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("update users set password_hash = @hash", connection);
        command.Parameters.AddWithValue("hash", hash);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }
}

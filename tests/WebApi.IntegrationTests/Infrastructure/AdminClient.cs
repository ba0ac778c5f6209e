using System.Net.Http.Headers;
using AuthFlow.Application.Admin.Commands.GrantRole;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>Admin set-up and calls: the first admin is made as an operator would (the GrantRole use case), then logs in.</summary>
public static class AdminClient
{
    public static async Task GrantRoleAsync(this AuthFlowApiFactory factory, Guid userId, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var granted = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GrantRoleCommand(userId, role));
        Assert.That(granted.IsSuccess, Is.True, granted.Error?.Code);
    }

    /// <summary>Registers an account, makes it an admin and logs it in (a token that carries the role).</summary>
    public static async Task<Session> SignUpAdminAsync(this AuthFlowClient api, AuthFlowApiFactory factory, string email = "admin@example.com", string username = "admin")
    {
        using var registered = await api.RegisterAsync(email, username: username);
        var id = (await registered.ReadJsonAsync())["user"]!["id"]!.GetValue<Guid>();
        await factory.GrantRoleAsync(id, "admin");
        return await api.LoginSessionAsync(email);
    }

    public static async Task<Guid> RegisterUserAsync(this AuthFlowClient api, string email, string? username = null)
    {
        using var registered = await api.RegisterAsync(email, username: username ?? email.Split('@')[0]);
        var body = await registered.ReadJsonAsync();
        Assert.That(registered.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), body.ToJsonString());
        return body["user"]!["id"]!.GetValue<Guid>();
    }

    public static Task<HttpResponseMessage> SendAsync(this AuthFlowClient api, HttpMethod method, string path, string? accessToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return api.Http.SendAsync(request);
    }
}

using System.Globalization;
using AuthFlow.Application.Admin.Commands.GrantRole;
using AuthFlow.Application.Admin.Commands.RevokeRole;
using AuthFlow.Application.Admin.Queries.FindUserByEmail;
using AuthFlow.Application.Admin.Queries.SearchUsers;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.WebApi;

/// <summary>
/// <c>AuthFlow.WebApi users grant-role &lt;email&gt; &lt;role&gt; | revoke-role &lt;email&gt; &lt;role&gt; | list [role]</c>:
/// manages roles with the service's own configuration and use cases (audited with the actor <c>system</c>), then exits
/// without starting the web server. 0: done (also when nothing changed); 1: refused (unknown email, last admin, bad
/// role name); 2: unknown command.
/// </summary>
internal static class UsersCommandLine
{
    private const string Usage = "Usage: AuthFlow.WebApi users grant-role <email> <role> | users revoke-role <email> <role> | users list [role]";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        switch (args.ElementAtOrDefault(1))
        {
            case "grant-role" when args.Length == 4:
                return await ChangeAsync(sender, args[2], args[3], grant: true, output, error);
            case "revoke-role" when args.Length == 4:
                return await ChangeAsync(sender, args[2], args[3], grant: false, output, error);
            case "list" when args.Length <= 3:
                return await ListAsync(sender, args.ElementAtOrDefault(2), output, error);
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> ChangeAsync(ISender sender, string email, string role, bool grant, TextWriter output, TextWriter error)
    {
        var user = await sender.Send(new FindUserByEmailQuery(email));
        if (!user.IsSuccess)
        {
            return await FailAsync(error, $"no account has the email {email}.");
        }

        Result<bool> changed = grant
            ? await sender.Send(new GrantRoleCommand(user.Value, role))
            : await sender.Send(new RevokeRoleCommand(user.Value, role));
        if (!changed.IsSuccess)
        {
            return await FailAsync(error, Describe(changed.Error!));
        }

        await output.WriteLineAsync((grant, changed.Value) switch
        {
            (true, true) => $"Granted {role} to {email}; its sessions ended, so its next login carries the role.",
            (true, false) => $"{email} already holds {role}.",
            (false, true) => $"Revoked {role} from {email}; its sessions ended.",
            (false, false) => $"{email} does not hold {role}.",
        });
        return 0;
    }

    private static async Task<int> ListAsync(ISender sender, string? role, TextWriter output, TextWriter error)
    {
        await output.WriteLineAsync("id\temail\tusername\tstatus\troles");
        string? cursor = null;
        do
        {
            var page = await sender.Send(new SearchUsersQuery(null, role, null, cursor, 100));
            if (!page.IsSuccess)
            {
                return await FailAsync(error, Describe(page.Error!));
            }

            foreach (var user in page.Value.Items)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{user.Id}\t{user.Email}\t{user.Username}\t{(user.Disabled ? "disabled" : "active")}\t{string.Join(',', user.Roles)}"));
            }

            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);

        return 0;
    }

    private static string Describe(Error error) =>
        error.FieldErrors is { } fields ? string.Join(" ", fields.Values.SelectMany(m => m)) : error.Title;

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"users: {message}");
        return 1;
    }
}

using System.Globalization;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Keys.Commands.RotateSigningKey;
using AuthFlow.Application.Keys.Queries.ListSigningKeys;
using Mediator;

namespace AuthFlow.WebApi;

/// <summary>
/// <c>AuthFlow.WebApi keys rotate|list</c>: manages the stored signing keys with the service's own configuration,
/// then exits without starting the web server. 0: done; 1: refused (e.g. HS256); 2: unknown command.
/// </summary>
internal static class KeysCommandLine
{
    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "keys";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        switch (args.ElementAtOrDefault(1))
        {
            case "rotate":
                var rotated = await sender.Send(new RotateSigningKeyCommand());
                if (!rotated.IsSuccess)
                {
                    return await FailAsync(error, rotated.Error!.Title);
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Published signing key {rotated.Value.KeyId} ({rotated.Value.Algorithm}); it signs from {rotated.Value.SignsFrom:O}, when the previous key stops signing."));
                return 0;

            case "list":
                var listed = await sender.Send(new ListSigningKeysQuery());
                if (!listed.IsSuccess)
                {
                    return await FailAsync(error, listed.Error!.Title);
                }

                await output.WriteLineAsync("kid\talgorithm\tcreated\tsigns from\tsuperseded\tretires");
                foreach (var key in listed.Value)
                {
                    await output.WriteLineAsync(Describe(key));
                }

                return 0;

            default:
                await error.WriteLineAsync("Usage: AuthFlow.WebApi keys rotate | keys list");
                return 2;
        }
    }

    private static string Describe(SigningKeyInfo key) => string.Create(CultureInfo.InvariantCulture,
        $"{key.KeyId}\t{key.Algorithm}\t{key.CreatedAt:O}\t{key.SignsFrom:O}\t{key.SupersededAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}\t{key.RetiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}");

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"keys: {message}");
        return 1;
    }
}

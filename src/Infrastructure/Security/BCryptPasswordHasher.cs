using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;
using BC = BCrypt.Net.BCrypt;

namespace AuthFlow.Infrastructure.Security;

internal sealed class BCryptPasswordHasher : IPasswordHasher
{
    private readonly int _workFactor;
    private readonly Lazy<string> _dummyHash;

    public BCryptPasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _workFactor = options.Value.WorkFactor;
        _dummyHash = new Lazy<string>(() => BC.HashPassword(Guid.NewGuid().ToString(), _workFactor));
    }

    public string Hash(string password) => BC.HashPassword(password, _workFactor);

    public bool Verify(string password, string passwordHash)
    {
        try
        {
            return BC.Verify(password, passwordHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    public void VerifyAgainstDummy(string password) => _ = BC.Verify(password, _dummyHash.Value);
}

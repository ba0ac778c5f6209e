using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
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
        // bcrypt reads only the first 72 bytes: a longer input would match a password it merely starts with.
        // Registration refuses such passwords, so no account has one; spend the same time and say no.
        if (Encoding.UTF8.GetByteCount(password) > RuleExtensions.MaxPasswordBytes)
        {
            VerifyAgainstDummy(password);
            return false;
        }

        try
        {
            return BC.Verify(password, passwordHash);
        }
        catch (Exception ex) when (ex is BCrypt.Net.SaltParseException or ArgumentException)
        {
            // A stored hash that is not bcrypt (corrupt or truncated) matches nothing; it must not become a 500.
            return false;
        }
    }

    public void VerifyAgainstDummy(string password) => _ = BC.Verify(password, _dummyHash.Value);
}

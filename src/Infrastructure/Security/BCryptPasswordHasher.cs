using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;
using BC = BCrypt.Net.BCrypt;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// bcrypt over a keyed pre-hash: <c>base64(HMAC-SHA384(pepper, UTF-8 password))</c> is 64 ASCII characters, under
/// bcrypt's 72-byte limit, so no password is ever truncated (OWASP Password Storage Cheat Sheet, "pre-hashing").
/// Such hashes carry <see cref="PepperedPrefix"/>; hashes without it are plain bcrypt from before, still accepted
/// and upgraded on the next successful login. See docs/decisions/0006.
/// </summary>
internal sealed class BCryptPasswordHasher : IPasswordHasher
{
    public const string PepperedPrefix = "$hmac-sha384+bcrypt$";

    /// <summary>Plain bcrypt reads only the first 72 bytes of a password.</summary>
    private const int LegacyMaxPasswordBytes = 72;

    private readonly int _workFactor;
    private readonly byte[] _pepper;
    private readonly string _dummyHash;

    public BCryptPasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _workFactor = options.Value.WorkFactor;
        _pepper = options.Value.PepperBytes();
        // Made now rather than on first use, so the first unknown-email login costs what every other one does.
        _dummyHash = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    public string Hash(string password) => PepperedPrefix + BC.HashPassword(PreHash(password), _workFactor);

    public PasswordVerification Verify(string password, string passwordHash)
    {
        var peppered = passwordHash.StartsWith(PepperedPrefix, StringComparison.Ordinal);
        var bcryptHash = peppered ? passwordHash[PepperedPrefix.Length..] : passwordHash;
        if (!peppered && Encoding.UTF8.GetByteCount(password) > LegacyMaxPasswordBytes)
        {
            // A plain bcrypt hash would match any longer input that merely starts with its password.
            VerifyAgainstDummy(password);
            return PasswordVerification.Failed;
        }

        try
        {
            if (!BC.Verify(peppered ? PreHash(password) : password, bcryptHash))
            {
                return PasswordVerification.Failed;
            }
        }
        catch (Exception ex) when (ex is BCrypt.Net.SaltParseException or ArgumentException)
        {
            // A stored hash that is not bcrypt (corrupt or truncated) matches nothing; it must not become a 500.
            return PasswordVerification.Failed;
        }

        return peppered && CostOf(bcryptHash) >= _workFactor
            ? PasswordVerification.Succeeded
            : PasswordVerification.SucceededRehashNeeded;
    }

    public void VerifyAgainstDummy(string password) => _ = Verify(password, _dummyHash);

    private string PreHash(string password) =>
        Convert.ToBase64String(HMACSHA384.HashData(_pepper, Encoding.UTF8.GetBytes(Normalize(password))));

    /// <summary>
    /// NFKC, as NIST SP 800-63B-4 advises, so that the same password typed on two keyboards (composed or decomposed
    /// accents, full-width letters) is the same password. Text that cannot be normalized (validators refuse it) is
    /// hashed as it is.
    /// </summary>
    private static string Normalize(string password)
    {
        try
        {
            return password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return password;
        }
    }

    /// <summary>The cost field of <c>$2a$12$...</c>.</summary>
    private static int CostOf(string bcryptHash) =>
        bcryptHash.Length > 6 && int.TryParse(bcryptHash.AsSpan(4, 2), out var cost) ? cost : 0;
}

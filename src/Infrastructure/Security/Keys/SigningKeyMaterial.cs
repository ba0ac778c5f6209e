using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Keys;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>Makes new key pairs and turns stored ones back into keys the token handler can use.</summary>
public static class SigningKeyMaterial
{
    public const int RsaKeyBits = 3072;

    /// <summary>A fresh key pair for <paramref name="algorithm"/>; the private half is encrypted before it leaves this method.</summary>
    public static SigningKey Generate(string algorithm, KeyEncryption encryption, DateTimeOffset now, DateTimeOffset signsFrom)
    {
        using AsymmetricAlgorithm pair = algorithm switch
        {
            SigningAlgorithms.Es256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            SigningAlgorithms.Rs256 => RSA.Create(RsaKeyBits),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only ES256 and RS256 keys are stored."),
        };
        var publicKey = pair.ExportSubjectPublicKeyInfo();
        var keyId = Thumbprint(ToJsonWebKey(algorithm, "", publicKey));
        var privateKey = pair.ExportPkcs8PrivateKey();
        try
        {
            return SigningKey.Create(keyId, algorithm, publicKey, encryption.Encrypt(keyId, privateKey), now, signsFrom);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>The public key, for verification.</summary>
    public static AsymmetricSecurityKey ToVerificationKey(SigningKey key)
    {
        AsymmetricSecurityKey securityKey = key.Algorithm == SigningAlgorithms.Rs256
            ? new RsaSecurityKey(ImportRsa(key.PublicKey, isPrivate: false))
            : new ECDsaSecurityKey(ImportEcdsa(key.PublicKey, isPrivate: false));
        securityKey.KeyId = key.Id;
        return securityKey;
    }

    /// <summary>The private key decrypted into memory, for signing.</summary>
    public static SigningCredentials ToSigningCredentials(SigningKey key, KeyEncryption encryption)
    {
        var privateKey = encryption.Decrypt(key.Id, key.EncryptedPrivateKey);
        try
        {
            AsymmetricSecurityKey securityKey = key.Algorithm == SigningAlgorithms.Rs256
                ? new RsaSecurityKey(ImportRsa(privateKey, isPrivate: true))
                : new ECDsaSecurityKey(ImportEcdsa(privateKey, isPrivate: true));
            securityKey.KeyId = key.Id;
            return new SigningCredentials(securityKey, key.Algorithm);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>The public parameters only, as published in the JWKS.</summary>
    public static PublicJsonWebKey ToJsonWebKey(SigningKey key) => ToJsonWebKey(key.Algorithm, key.Id, key.PublicKey);

    private static PublicJsonWebKey ToJsonWebKey(string algorithm, string keyId, byte[] subjectPublicKeyInfo)
    {
        if (algorithm == SigningAlgorithms.Rs256)
        {
            using var rsa = ImportRsa(subjectPublicKeyInfo, isPrivate: false);
            var rsaParameters = rsa.ExportParameters(includePrivateParameters: false);
            return new PublicJsonWebKey("RSA", keyId, algorithm, null, null, null,
                Base64UrlEncoder.Encode(rsaParameters.Modulus), Base64UrlEncoder.Encode(rsaParameters.Exponent));
        }

        using var ecdsa = ImportEcdsa(subjectPublicKeyInfo, isPrivate: false);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        return new PublicJsonWebKey("EC", keyId, algorithm, "P-256", Base64UrlEncoder.Encode(point.X), Base64UrlEncoder.Encode(point.Y), null, null);
    }

    /// <summary>The RFC 7638 JWK thumbprint: SHA-256 of the required members in lexicographic order.</summary>
    private static string Thumbprint(PublicJsonWebKey jwk)
    {
        var canonical = jwk.Kty == "RSA"
            ? $$"""{"e":"{{jwk.E}}","kty":"RSA","n":"{{jwk.N}}"}"""
            : $$"""{"crv":"{{jwk.Crv}}","kty":"EC","x":"{{jwk.X}}","y":"{{jwk.Y}}"}""";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static ECDsa ImportEcdsa(byte[] der, bool isPrivate)
    {
        var ecdsa = ECDsa.Create();
        if (isPrivate)
        {
            ecdsa.ImportPkcs8PrivateKey(der, out _);
        }
        else
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
        }

        return ecdsa;
    }

    private static RSA ImportRsa(byte[] der, bool isPrivate)
    {
        var rsa = RSA.Create();
        if (isPrivate)
        {
            rsa.ImportPkcs8PrivateKey(der, out _);
        }
        else
        {
            rsa.ImportSubjectPublicKeyInfo(der, out _);
        }

        return rsa;
    }
}

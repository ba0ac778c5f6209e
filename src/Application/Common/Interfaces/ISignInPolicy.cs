namespace AuthFlow.Application.Common.Interfaces;

/// <summary>Configured conditions a correct password must also meet before a login succeeds.</summary>
public interface ISignInPolicy
{
    /// <summary>When true, an account whose email is not verified cannot log in (<c>Auth:RequireVerifiedEmail</c>).</summary>
    bool RequireVerifiedEmail { get; }
}

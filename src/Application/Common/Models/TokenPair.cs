namespace AuthFlow.Application.Common.Models;

/// <summary>What a client needs to call the API and to renew its access.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);

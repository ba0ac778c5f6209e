namespace AuthFlow.WebApi.Contracts;

/// <summary>The running service's version (<c>GET /version</c>): the release from CHANGELOG.md, and the commit when built from git.</summary>
public sealed record VersionResponse(string Version);

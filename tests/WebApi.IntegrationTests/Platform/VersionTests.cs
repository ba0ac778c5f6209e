using System.Net;
using System.Text.RegularExpressions;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

public sealed partial class VersionTests : ApiTestBase
{
    [Test]
    public async Task Version_IsTheLatestReleaseOfTheChangelog()
    {
        using var response = await Api.GetAsync("/version", accessToken: null);
        var body = await response.ReadJsonAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            // "0.1.0", or "0.1.0+<commit>" when built from a git checkout.
            Assert.That(((string?)body["version"])?.Split('+')[0], Is.EqualTo(LatestChangelogRelease()));
        }
    }

    private static string LatestChangelogRelease()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CHANGELOG.md")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "CHANGELOG.md is at the repository root");
        var release = ReleaseHeading().Match(File.ReadAllText(Path.Combine(directory!.FullName, "CHANGELOG.md")));
        Assert.That(release.Success, Is.True, "CHANGELOG.md names a release as '## [x.y.z] - date'");
        return release.Groups[1].Value;
    }

    [GeneratedRegex(@"^## \[(\d+\.\d+\.\d+)\]", RegexOptions.Multiline)]
    private static partial Regex ReleaseHeading();
}

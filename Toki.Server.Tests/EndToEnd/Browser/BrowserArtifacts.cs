using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Toki.Server.Tests.EndToEnd.Browser;

/// <summary>What the browser tests share: Debian's Chromium, and a folder of screenshots attached when a test fails.</summary>
internal static class BrowserArtifacts
{
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("TOKI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>An empty folder named <paramref name="name"/> in the test's work directory, for the driver's screenshots.</summary>
    public static string Reset(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        return folder;
    }

    public static void AttachScreenshotsOnFailure(string folder)
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed || !Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal))
        {
            TestContext.AddTestAttachment(file, Path.GetFileNameWithoutExtension(file));
        }
    }
}

using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>Writes what a host or client recorded into the test output, only when the test failed.</summary>
public static class FailureOutput
{
    public static void WriteIfFailed(string title, IEnumerable<string> lines)
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed)
        {
            return;
        }
        TestContext.Out.WriteLine($"---- {title} ----");
        foreach (var line in lines)
        {
            TestContext.Out.WriteLine(line);
        }
    }
}

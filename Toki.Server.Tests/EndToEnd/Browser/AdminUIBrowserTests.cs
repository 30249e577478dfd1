using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd.Browser;

/// <summary>
/// The official Socket.IO Admin UI (the static build that @socket.io/admin-ui 0.5.1 ships in ui/dist, served here from
/// an origin of its own, as a team would host it) in Debian's Chromium, driven by Playwright (node/admin-ui.mjs): it
/// signs in against a running Toki, lists the two connected sockets and their rooms, and disconnects one of them.
/// </summary>
[TestFixture]
[Category(TestCategories.Browser)]
[Parallelizable(ParallelScope.None)]
public sealed class AdminUIBrowserTests
{
    private string _artifacts = null!;

    private static string ChromiumPath => BrowserArtifacts.ChromiumPath;

    private static string UiDist => Path.Combine(RepositoryPaths.NodeDrivers, "node_modules", "@socket.io", "admin-ui", "ui", "dist");

    [SetUp]
    public void CleanArtifacts() => _artifacts = BrowserArtifacts.Reset("admin-ui-artifacts");

    [TearDown]
    public void AttachScreenshotsOnFailure() => BrowserArtifacts.AttachScreenshotsOnFailure(_artifacts);

    [Test]
    public async Task The_admin_ui_signs_in_lists_two_sockets_and_their_rooms_and_disconnects_one()
    {
        Assert.That(File.Exists(ChromiumPath), Is.True,
            $"Chromium is not installed at {ChromiumPath}: apt-get install chromium (or set TOKI_CHROMIUM). It never downloads a browser.");
        Assert.That(File.Exists(Path.Combine(UiDist, "index.html")), Is.True, $"The Admin UI build is missing ({UiDist}): npm ci in Toki.Server.Tests/node.");

        await using var ui = await StartStaticSiteAsync(UiDist);
        var uiOrigin = ui.Urls.First().TrimEnd('/');
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?>
        {
            ["Server:AllowedOrigins:0"] = uiOrigin,
            ["SocketIOAdmin:Enabled"] = "true",
            ["SocketIOAdmin:PasswordHash"] = AdminNamespaceTests.ChangeItHash,
        });
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");
        string SocketOf(string user) => kit.Clients.Records
            .First(r => r.GetProperty("type").GetString() == "connect" && r.GetProperty("id").GetString() == user).GetProperty("sid").GetString()!;
        var (aliceSocket, bobSocket) = (SocketOf(alice), SocketOf(bob));

        var run = await NodeScript.RunAsync("admin-ui.mjs",
            [uiOrigin, kit.Server.BaseUrl.ToString().TrimEnd('/'), "admin", "changeit", aliceSocket, bobSocket, _artifacts],
            TimeSpan.FromSeconds(90), new Dictionary<string, string> { ["CHROMIUM_PATH"] = ChromiumPath });
        var report = ParseReport(run);
        Assert.That(report.GetProperty("ok").GetBoolean(), Is.True, () =>
            $"The Admin UI run failed: {report.GetProperty("error")}\nsteps: {report.GetProperty("steps")}\nconsole: {report.GetProperty("console")}\n" +
            $"screenshots: {_artifacts}");

        var sockets = Texts(report, "sockets");
        var rooms = Texts(report, "rooms");
        var after = Texts(report, "afterDisconnect");
        var aliceSaw = await kit.Clients.NextRecordAsync(alice, "disconnect");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sockets, Has.Count.EqualTo(2), string.Join(" | ", sockets));
            Assert.That(sockets, Has.One.Contains(aliceSocket).And.One.Contains(bobSocket));
            Assert.That(rooms, Has.One.Contains("user:alice").And.One.Contains("user:bob"), string.Join(" | ", rooms));
            Assert.That(after, Has.Count.EqualTo(1).And.One.Contains(bobSocket));
            Assert.That(aliceSaw.GetProperty("reason").GetString(), Is.EqualTo("io server disconnect"), "disconnected by the server, from the UI");
            Assert.That(kit.Clients.Records.Any(r => r.GetProperty("type").GetString() == "disconnect" && r.GetProperty("id").GetString() == bob), Is.False);
        }
    }

    private static List<string> Texts(JsonElement report, string name) => [.. report.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The UI's static files on a Kestrel of their own at 127.0.0.1:0: another origin than Toki's.</summary>
    private static async Task<WebApplication> StartStaticSiteAsync(string root)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        await app.StartAsync();
        _ = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return app;
    }

    private static JsonElement ParseReport(NodeScript.Result run)
    {
        var line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            Assert.Fail($"admin-ui.mjs reported nothing (exit code {run.ExitCode}).\nstdout: {run.StandardOutput}\nstderr: {run.StandardError}");
        }
        return JsonDocument.Parse(line!).RootElement.Clone();
    }
}

using System.Globalization;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>
/// The MongoDB replica set the storage contract runs on: the one TOKI_TEST_MONGODB_URI names, else a <c>mongo:7</c>
/// container started (once per run) with <c>--replSet rs0</c> when a Docker engine is reachable, else none, with the
/// reason the tests are skipped. A container that fails to come up is an error, not a skip.
/// </summary>
internal sealed class MongoTestServer
{
    public const string UriVariable = "TOKI_TEST_MONGODB_URI";

    private const string Image = "mongo:7";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lock Gate = new();
    private static Task<MongoTestServer>? _server;

    private MongoTestServer(string? uri, string? skipReason, string? containerId)
    {
        Uri = uri;
        SkipReason = skipReason;
        ContainerId = containerId;
    }

    /// <summary>A URI to a replica set primary, or null when <see cref="SkipReason"/> says why there is none.</summary>
    public string? Uri { get; }

    public string? SkipReason { get; }

    private string? ContainerId { get; }

    public static Task<MongoTestServer> GetAsync()
    {
        lock (Gate)
        {
            return _server ??= LocateAsync();
        }
    }

    /// <summary>Removes the container if this run started one.</summary>
    public static async Task StopAsync()
    {
        Task<MongoTestServer>? server;
        lock (Gate)
        {
            server = _server;
        }
        if (server is { IsCompletedSuccessfully: true, Result.ContainerId: { } id })
        {
            await ProcessRunner.RunAsync("docker", ["rm", "--force", id], CommandTimeout);
        }
    }

    private static async Task<MongoTestServer> LocateAsync()
    {
        var uri = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(uri))
        {
            return new MongoTestServer(uri, null, null);
        }

        var info = await ProcessRunner.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], CommandTimeout);
        if (info is not { Succeeded: true })
        {
            var why = info is null ? "the docker command is not installed" : $"docker info: {info.LastLine}";
            return new MongoTestServer(null,
                $"{UriVariable} is not set and no Docker engine is reachable ({why}). " +
                $"Set {UriVariable} to a MongoDB 5.0+ replica set (e.g. mongodb://localhost:27017/?replicaSet=rs0) or start a Docker engine to run it.",
                null);
        }
        return await StartContainerAsync();
    }

    private static async Task<MongoTestServer> StartContainerAsync()
    {
        var run = await Docker(["run", "--detach", "--rm", "--publish", "127.0.0.1::27017", Image, "--replSet", "rs0", "--bind_ip_all"]);
        var id = run.StandardOutput.Trim();
        try
        {
            // "127.0.0.1:49153": the host port Docker chose.
            var port = (await Docker(["port", id, "27017/tcp"])).StandardOutput.Trim().Split('\n')[0].Split(':')[^1];
            // The member name only matters inside the container: the tests connect directly to the one member.
            await UntilAsync(id, "try { rs.status().ok } catch (e) { rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '127.0.0.1:27017' }] }).ok }", "1");
            await UntilAsync(id, "db.hello().isWritablePrimary", "true");
            return new MongoTestServer(
                $"mongodb://127.0.0.1:{int.Parse(port, CultureInfo.InvariantCulture)}/?directConnection=true", null, id);
        }
        catch
        {
            await ProcessRunner.RunAsync("docker", ["rm", "--force", id], CommandTimeout);
            throw;
        }
    }

    /// <summary>Runs a mongosh expression in the container until it prints <paramref name="expected"/>.</summary>
    private static async Task UntilAsync(string containerId, string expression, string expected)
    {
        var started = TimeProvider.System.GetTimestamp();
        ProcessRunner.Result? last = null;
        while (TimeProvider.System.GetElapsedTime(started) < StartTimeout)
        {
            last = await ProcessRunner.RunAsync("docker", ["exec", containerId, "mongosh", "--quiet", "--eval", expression], CommandTimeout);
            if (last is { Succeeded: true } && last.StandardOutput.Trim() == expected)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        }
        throw new InvalidOperationException($"The {Image} container never answered {expected} to `{expression}`: {last?.LastLine}");
    }

    private static async Task<ProcessRunner.Result> Docker(IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync("docker", arguments, StartTimeout);
        return result is { Succeeded: true } ? result : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {result?.LastLine}");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Toki.Bench;

/// <summary>
/// Two servers of one kind in a Redis streams cluster for one measurement: a private redis-server (Debian's, fresh,
/// nothing on disk) and two nodes on it. Toki: Toki.ClusterNode.dll (Release, built next to the bench); Node:
/// node-reference/cluster.mjs on @socket.io/redis-streams-adapter. Both nodes run connection state recovery.
/// With <c>callServers</c> (the two-node call setup) the nodes run the call protocol instead: for Toki two whole
/// Toki.Server processes on one SQLite file, each configured as for the single-server workloads plus
/// <c>Cluster:Redis</c> in streams mode; for Node two node-reference/call-cluster.mjs processes (server.mjs's call
/// subset with users, presence and calls in Redis, on the same adapter).
/// </summary>
public sealed class ClusterHost : IAsyncDisposable
{
    private const string RedisServer = "/usr/bin/redis-server";
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<Process> _processes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("toki-bench-redis-").FullName;

    private ClusterHost(ServerKind kind, bool callServers)
    {
        Kind = kind;
        CallServers = callServers;
    }

    /// <summary>Whether the nodes are call servers (Toki.Server on SQLite, or call-cluster.mjs) rather than relay nodes.</summary>
    public bool CallServers { get; }

    public ServerKind Kind { get; }

    /// <summary>The two nodes' base URLs.</summary>
    public IReadOnlyList<Uri> Nodes { get; private set; } = [];

    /// <summary>The nodes' process ids, then Redis's.</summary>
    public IReadOnlyList<int> NodePids => [.. _processes.Skip(1).Select(p => p.Id)];

    public int RedisPid => _processes[0].Id;

    /// <summary>The private redis-server's port on 127.0.0.1.</summary>
    public int RedisPort { get; private set; }

    public static string Describe(ServerKind kind) => kind switch
    {
        ServerKind.Toki => "2 × Toki.ClusterNode (Release, streams mode, recovery on) on one redis-server",
        _ => "2 × node cluster.mjs (socket.io 4.8.4, @socket.io/redis-streams-adapter 0.3.1, recovery on) on one redis-server; "
            + "for the call setup 2 × node call-cluster.mjs (users, presence and calls in that Redis, one Lua script per transition)",
    };

    public static async Task<ClusterHost> StartAsync(ServerKind kind, CancellationToken cancellationToken, bool callServers = false)
    {
        if (!File.Exists(RedisServer))
        {
            throw new InvalidOperationException($"{RedisServer} is not installed (apt-get install redis-server); the cross-node workload needs it.");
        }
        var host = new ClusterHost(kind, callServers);
        try
        {
            var redisPort = FreePort();
            host.Start(new ProcessStartInfo(RedisServer)
            {
                WorkingDirectory = host._directory,
                ArgumentList = { "--port", Text(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", host._directory },
            });
            await host.WaitForRedisAsync(redisPort, cancellationToken);
            host.RedisPort = redisPort;
            var ports = new[] { FreePort(), FreePort() };
            for (var i = 0; i < ports.Length; i++)
            {
                host.Start(host.MemberStart(ports[i], redisPort, $"node{i + 1}"));
            }
            host.Nodes = [.. ports.Select(p => new Uri($"http://127.0.0.1:{p}"))];
            foreach (var node in host.Nodes)
            {
                await host.WaitHealthyAsync(node, cancellationToken);
            }
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public string Tail(int lines = 20) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ProcessStartInfo MemberStart(int port, int redisPort, string name)
    {
        ProcessStartInfo start;
        if (CallServers && Kind == ServerKind.Toki)
        {
            start = ServerHost.TokiStart(port, Path.Combine(_directory, "toki.db"));
            start.Environment["Cluster__Redis"] = $"127.0.0.1:{Text(redisPort)}";
            start.Environment["Cluster__Mode"] = "streams";
            return start;
        }
        if (CallServers)
        {
            start = ServerHost.NodeStart("call-cluster.mjs");
        }
        else if (Kind == ServerKind.Toki)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Toki.ClusterNode.dll");
            start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, ArgumentList = { dll } };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["MODE"] = "streams";
            start.Environment["RECOVERY_MS"] = "120000";
        }
        else
        {
            start = new ProcessStartInfo("node") { WorkingDirectory = BenchPaths.NodeReference, ArgumentList = { Path.Combine(BenchPaths.NodeReference, "cluster.mjs") } };
            start.Environment["NODE_ENV"] = "production";
        }
        start.Environment["PORT"] = Text(port);
        start.Environment["REDIS_URL"] = $"redis://127.0.0.1:{redisPort}";
        start.Environment["NODE_NAME"] = name;
        return start;
    }

    private void Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task WaitForRedisAsync(int port, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cancellationToken);
        }
        throw new TimeoutException($"redis-server did not answer:\n{Tail()}");
    }

    private async Task WaitHealthyAsync(Uri node, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(2) };
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            if (_processes.Any(p => p.HasExited))
            {
                throw new InvalidOperationException($"a cluster process exited:\n{Tail()}");
            }
            try
            {
                using var response = await http.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, cancellationToken);
        }
        throw new TimeoutException($"{node} did not become ready:\n{Tail()}");
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

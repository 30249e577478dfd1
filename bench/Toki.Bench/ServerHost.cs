using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Toki.Bench;

/// <summary>
/// One server under test as a child process on a fresh port (and, for Toki, a fresh SQLite file): started
/// for one measurement and killed after it, so every measurement begins from the same clean state.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    public const string JwtSecret = "toki-bench-secret-0123456789abcdef-0123456789";
    private const string AdminKey = "toki-bench-admin-key";
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private readonly string? _dataDirectory;

    private ServerHost(ServerKind kind, Process process, int port, string? dataDirectory)
    {
        Kind = kind;
        _process = process;
        Port = port;
        _dataDirectory = dataDirectory;
    }

    public ServerKind Kind { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>How each server is configured, for the report.</summary>
    public static string Describe(ServerKind kind) => kind switch
    {
        ServerKind.Toki => "Toki.Server (Release, Production environment, JSON logs at Warning), SQLite in WAL with synchronous=FULL on a "
            + "temp file, connection state recovery on (2 min), ping 25 s/20 s, rate limits off",
        _ => "node server.mjs: socket.io 4.8.4 defaults (WebSocket + polling, no recovery, ping 25 s/20 s), jsonwebtoken.verify in io.use, "
            + "state in memory",
    };

    public static async Task<ServerHost> StartAsync(ServerKind kind, CancellationToken cancellationToken)
    {
        var port = FreePort();
        ProcessStartInfo start;
        string? dataDirectory = null;
        if (kind == ServerKind.Toki)
        {
            dataDirectory = Directory.CreateTempSubdirectory("toki-bench-").FullName;
            start = TokiStart(port, Path.Combine(dataDirectory, "toki.db"));
        }
        else
        {
            start = NodeStart("server.mjs");
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {kind}");
        var host = new ServerHost(kind, process, port, dataDirectory);
        process.OutputDataReceived += (_, e) => host.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => host.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>How Toki.Server is started for a measurement: Release, Production, on <paramref name="sqlitePath"/>, rate limits off.</summary>
    public static ProcessStartInfo TokiStart(int port, string sqlitePath)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(BenchPaths.TokiServerDll)! };
        start.ArgumentList.Add(BenchPaths.TokiServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(BenchPaths.TokiServerDll)!);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__JwtSecret"] = JwtSecret;
        start.Environment["Admin__ApiKey"] = AdminKey;
        start.Environment["Calls__RateLimits__RelaysPerSecond"] = "0";
        start.Environment["Calls__RateLimits__ActionsPerSecond"] = "0";
        start.Environment["Storage__Sqlite__Path"] = sqlitePath;
        start.Environment["Storage__SeedFile"] = "";
        start.Environment["Server__WebRoot"] = "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // TOKI_SERVER_<NAME>=value sets <NAME> for Toki alone (runtime knobs for an A/B, e.g. TOKI_SERVER_DOTNET_gcServer=0).
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("TOKI_SERVER_", StringComparison.Ordinal))
            {
                start.Environment[name["TOKI_SERVER_".Length..]] = variable.Value as string;
            }
        }
        return start;
    }

    /// <summary>How a Node reference call server (<paramref name="script"/> in node-reference) is started: production, the bench's JWT secret and admin key.</summary>
    public static ProcessStartInfo NodeStart(string script)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = BenchPaths.NodeReference };
        start.ArgumentList.Add(Path.Combine(BenchPaths.NodeReference, script));
        start.Environment["JWT_SECRET"] = JwtSecret;
        start.Environment["ADMIN_KEY"] = AdminKey;
        start.Environment["NODE_ENV"] = "production";
        return start;
    }

    /// <summary>Creates users with ample coins through the admin API (Toki writes each one to SQLite).</summary>
    public Task SeedUsersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken) =>
        SeedUsersAsync(BaseUrl, Kind, userIds, cancellationToken);

    /// <summary>The same through the admin API of the server at <paramref name="baseUrl"/>.</summary>
    public static async Task SeedUsersAsync(Uri baseUrl, ServerKind kind, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        await Parallel.ForEachAsync(userIds, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                using var response = await http.PostAsJsonAsync("/api/admin/users", new { id, name = "Bench " + id, coins = 1_000_000_000 }, ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"{kind}: creating user {id} answered {(int)response.StatusCode}");
                }
            });
    }

    /// <summary>The server's last lines of output, for failures.</summary>
    public string Tail(int lines = 20) => string.Join('\n', _output.TakeLast(lines));

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
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

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} exited with {_process.ExitCode}:\n{Tail()}");
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
        throw new TimeoutException($"{Kind} did not become ready:\n{Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

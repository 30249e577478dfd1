namespace Toki.Bench;

/// <summary>What a workload gets: the server it drives (already started), the run's options and where numbers go.</summary>
public sealed class WorkloadContext(ServerHost host, BenchOptions options, BenchResults results, int round, TextWriter log, CancellationToken cancellationToken)
{
    public ServerHost Host { get; } = host;

    public BenchOptions Options { get; } = options;

    public int Round { get; } = round;

    public TextWriter Log { get; } = log;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ServerKind Server => Host.Kind;

    public void Record(string metric, string unit, double value)
    {
        results.Add(metric, unit, Server, Round, value);
        Log.WriteLine($"    {Server,-4} {metric,-34} {value,12:0.###} {unit}");
    }

    public void RecordLatencyCurve(double[] percentiles) => results.AddLatencyCurve(Server, Round, percentiles);

    public ProcessSample SampleServer() => ProcessSample.Read(Host.Pid);

    /// <summary>Connects <paramref name="userIds"/>.Count clients, at most <paramref name="concurrency"/> handshakes at a time.</summary>
    public async Task<BenchClient[]> ConnectAsync(ClientConnector connector, IReadOnlyList<string> userIds, int concurrency, bool captureEvents)
    {
        var tokens = userIds.Select(id => JwtMinter.Mint(id, ServerHost.JwtSecret)).ToArray();
        var clients = new BenchClient[userIds.Count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, userIds.Count)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < clients.Length)
            {
                clients[index] = await BenchClient.ConnectAsync(connector, userIds[index], tokens[index], captureEvents, CancellationToken);
            }
        });
        try
        {
            await Task.WhenAll(workers);
        }
        catch
        {
            await DisposeAllAsync(clients);
            throw;
        }
        return clients;
    }

    public static async Task DisposeAllAsync(IEnumerable<BenchClient?> clients) =>
        await Task.WhenAll(clients.OfType<BenchClient>().Select(c => c.DisposeAsync().AsTask()));

    public Task PauseAsync(TimeSpan duration) => Task.Delay(duration, TimeProvider.System, CancellationToken);
}

namespace Toki.Bench.Workloads;

/// <summary>
/// Bench clients put into active calls in pairs (client 2k calls client 2k + 1 through the real protocol), each with the
/// relay message it sends its peer, and one probe counting the relays that arrive. Disposing it disconnects the clients.
/// </summary>
public sealed class RelayPairs : IAsyncDisposable
{
    private RelayPairs(BenchClient[] clients, RelayMessage[] messages, RelayProbe probe)
    {
        Clients = clients;
        Messages = messages;
        Probe = probe;
    }

    public BenchClient[] Clients { get; }

    public RelayMessage[] Messages { get; }

    public RelayProbe Probe { get; }

    /// <summary>Seeds <paramref name="pairs"/> × 2 users named <paramref name="userPrefix"/>-i, connects them and starts their calls.</summary>
    public static async Task<RelayPairs> EstablishAsync(WorkloadContext context, ClientConnector connector, string userPrefix, int pairs,
        Func<string, RelayMessage> messageFor)
    {
        var users = Enumerable.Range(0, pairs * 2).Select(i => $"{userPrefix}-{i}").ToArray();
        await context.Host.SeedUsersAsync(users, context.CancellationToken);
        var clients = await context.ConnectAsync(connector, users, 64, captureEvents: true);
        try
        {
            var messages = new RelayMessage[clients.Length];
            await Parallel.ForAsync(0, pairs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pair, _) =>
            {
                var callId = await CallCycle.EstablishAsync(clients[2 * pair], clients[(2 * pair) + 1], context.CancellationToken);
                messages[2 * pair] = messageFor(callId);
                messages[(2 * pair) + 1] = messageFor(callId);
            });
            var probe = new RelayProbe();
            foreach (var client in clients)
            {
                client.OnRelay = probe.OnRelay;
            }
            return new RelayPairs(clients, messages, probe);
        }
        catch
        {
            await WorkloadContext.DisposeAllAsync(clients);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await WorkloadContext.DisposeAllAsync(Clients);
}

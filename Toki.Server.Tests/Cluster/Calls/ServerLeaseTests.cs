using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StackExchange.Redis;
using Toki.Server.Cluster;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Cluster.Calls;

/// <summary>
/// The server leases on a real redis-server with fake time: a server that stops refreshing (its clock stands still, as a
/// killed process's does) is found by the others once its lease ran out, with the users it had sockets of and the
/// moment it expired; a live server is never reported, and a lease Redis lost is taken again with its users.
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed class ServerLeaseTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [SetUp]
    public Task FlushAsync() => _redis.FlushAsync();

    private ServerLease Lease(string id, TimeProvider time, string[] users, ConcurrentQueue<(string, string[], DateTimeOffset)> lost) =>
        new(_connection.GetDatabase(), id, Ttl, Refresh, time, () => users, (serverId, expiredUsers, at) =>
        {
            lost.Enqueue((serverId, [.. expiredUsers.Order(StringComparer.Ordinal)], at));
            return Task.CompletedTask;
        }, NullLogger.Instance);

    private static async Task AdvanceAsync(FakeTimeProvider time, ServerLease lease, TimeSpan by)
    {
        time.Advance(by);
        await lease.Current.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
    }

    [Test]
    public async Task A_server_that_stops_refreshing_is_reported_once_with_its_users_after_its_lease_ran_out()
    {
        var time = new FakeTimeProvider(Start);
        var frozen = new FakeTimeProvider(Start);
        var lostByA = new ConcurrentQueue<(string, string[], DateTimeOffset)>();
        await using var a = Lease("a", time, ["alice"], lostByA);
        var b = Lease("b", frozen, ["bob"], new ConcurrentQueue<(string, string[], DateTimeOffset)>());
        await a.RefreshAsync();
        await b.RefreshAsync();
        b.UserConnected("bea");
        await _connection.GetDatabase().PingAsync();

        await AdvanceAsync(time, a, TimeSpan.FromSeconds(10));
        Assert.That(lostByA, Is.Empty, "b's lease runs until 10:00:15");

        await AdvanceAsync(time, a, TimeSpan.FromSeconds(5));
        await AdvanceAsync(time, a, TimeSpan.FromSeconds(5));

        Assert.That(lostByA, Is.EqualTo(new[] { ("b", new[] { "bea", "bob" }, Start + Ttl) }));
        var database = _connection.GetDatabase();
        Assert.That(await database.SortedSetScoreAsync(ServerLease.ServersKey, "b"), Is.Null, "handled, then removed");
        Assert.That(await database.KeyExistsAsync(ServerLease.UsersKey("b")), Is.False);
        Assert.That(await database.SortedSetScoreAsync(ServerLease.ServersKey, "a"), Is.EqualTo((Start + TimeSpan.FromSeconds(20) + Ttl).ToUnixTimeMilliseconds()));

        await AdvanceAsync(time, a, TimeSpan.FromSeconds(5));
        Assert.That(lostByA, Has.Count.EqualTo(1), "reported once");
    }

    [Test]
    public async Task Servers_that_keep_refreshing_never_report_each_other()
    {
        var time = new FakeTimeProvider(Start);
        var lost = new ConcurrentQueue<(string, string[], DateTimeOffset)>();
        await using var a = Lease("a", time, ["alice"], lost);
        await using var b = Lease("b", time, ["bob"], lost);
        await a.RefreshAsync();
        await b.RefreshAsync();
        for (var i = 0; i < 12; i++)
        {
            time.Advance(Refresh);
            await Task.WhenAll(a.Current, b.Current).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        }
        Assert.That(lost, Is.Empty);
    }

    [Test]
    public async Task A_lease_that_Redis_lost_is_taken_again_with_the_users_of_this_server()
    {
        var time = new FakeTimeProvider(Start);
        await using var a = Lease("a", time, ["alice", "amy"], new ConcurrentQueue<(string, string[], DateTimeOffset)>());
        await a.RefreshAsync();
        await a.Current;
        await _redis.FlushAsync();

        await a.RefreshAsync();

        var users = await _connection.GetDatabase().SetMembersAsync(ServerLease.UsersKey("a"));
        Assert.That(users.Select(u => u.ToString()).Order(StringComparer.Ordinal).ToArray(), Is.EqualTo(new[] { "alice", "amy" }));
    }

    [Test]
    public async Task A_clean_shutdown_gives_the_lease_up()
    {
        var time = new FakeTimeProvider(Start);
        var a = Lease("a", time, ["alice"], new ConcurrentQueue<(string, string[], DateTimeOffset)>());
        await a.RefreshAsync();
        await a.DisposeAsync();
        Assert.That(await _connection.GetDatabase().SortedSetScoreAsync(ServerLease.ServersKey, "a"), Is.Null);
        Assert.That(await _connection.GetDatabase().KeyExistsAsync(ServerLease.UsersKey("a")), Is.False);
    }
}

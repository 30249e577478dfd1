using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// The operators' API against the whole server with official socket.io clients: reading users and calls, listing, the
/// ledger, setting coins and hard-ending a stuck call through the call service (billed once, both sides told).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class AdminApiTests
{
    private const string AdminKey = "ops-admin-key";
    private const long StartingCoins = 1000;
    private CallKit _kit = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = AdminKey });
        _admin = new HttpClient { BaseAddress = _kit.Server.BaseUrl };
        _admin.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _kit.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _admin.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object? body = null)
    {
        using var response = await _admin.PostAsync(path, body is null ? null : JsonContent.Create(body));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Test]
    public async Task Ending_a_stuck_call_bills_it_exactly_once_and_tells_both_users()
    {
        var caller = await _kit.UserAsync("ada", StartingCoins);
        var callee = await _kit.UserAsync("bea", StartingCoins);
        var callId = await _kit.StartCallAsync(caller, callee);
        await Task.Delay(TimeSpan.FromMilliseconds(1200), TimeProvider.System);

        var (status, ended) = await PostAsync($"/api/admin/calls/{callId}/end", new { note = "stuck since the deploy" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), ended.GetRawText());
        var stored = (await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None))!;
        var billed = (int)Math.Ceiling(stored.ActiveMs / 1000.0);
        var charged = (long)billed; // 60 coins a minute: one a second
        var callerEnded = await _kit.Clients.NextEventAsync(caller, "call:ended");
        var calleeEnded = await _kit.Clients.NextEventAsync(callee, "call:ended");
        var callerWallet = await _kit.Clients.NextEventAsync(caller, "wallet:updated");
        var calleeWallet = await _kit.Clients.NextEventAsync(callee, "wallet:updated");
        // The hold at accept was the first wallet:updated of the caller; the settlement's is the last.
        while (callerWallet.GetProperty("heldCoins").GetInt64() != 0)
        {
            callerWallet = await _kit.Clients.NextEventAsync(caller, "wallet:updated");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Status, Is.EqualTo(CallStatus.Ended));
            Assert.That(stored.EndReason, Is.EqualTo(CallEndReason.EndedByAdmin));
            Assert.That(stored.EndedBy, Is.Null);
            Assert.That(stored.ActiveMs, Is.InRange(1000, 30_000));
            Assert.That(stored.BilledSeconds, Is.EqualTo(billed));
            Assert.That(stored.CoinsCharged, Is.EqualTo(charged));
            Assert.That(ended.GetProperty("status").GetString(), Is.EqualTo("ended"));
            Assert.That(ended.GetProperty("endReason").GetString(), Is.EqualTo("ended_by_admin"));
            Assert.That(ended.GetProperty("billing").GetProperty("coinsCharged").GetInt64(), Is.EqualTo(charged));
            Assert.That(ended.GetProperty("statusHistory").EnumerateArray().Select(h => h.GetProperty("status").GetString()),
                Is.EqualTo(new[] { "pending", "accepted", "active", "ended" }));
            foreach (var notice in new[] { callerEnded, calleeEnded })
            {
                Assert.That(notice.GetProperty("callId").GetString(), Is.EqualTo(callId));
                Assert.That(notice.GetProperty("reason").GetString(), Is.EqualTo("ended_by_admin"));
                Assert.That(notice.GetProperty("billedSeconds").GetInt32(), Is.EqualTo(billed));
                Assert.That(notice.GetProperty("coinsCharged").GetInt64(), Is.EqualTo(charged));
            }
            Assert.That(callerWallet.GetProperty("coins").GetInt64(), Is.EqualTo(StartingCoins - charged));
            Assert.That(calleeWallet.GetProperty("earnings").GetInt64(), Is.EqualTo(charged));
        }

        // A second end changes nothing: the call is over, billed once.
        var (again, refusal) = await PostAsync($"/api/admin/calls/{callId}/end");
        Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(refusal.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("call_ended"));

        var (_, ledger) = await GetAsync($"/api/admin/calls/{callId}/ledger");
        var hold = stored.HoldCoins;
        Assert.That(ledger.GetProperty("entries").EnumerateArray().Select(e =>
                (e.GetProperty("kind").GetString(), e.GetProperty("userId").GetString(), e.GetProperty("amount").GetInt64())),
            Is.EqualTo(new[] { ("hold", caller, hold), ("charge", caller, charged), ("earn", callee, charged), ("release", caller, hold) }));
        var (_, adaNow) = await GetAsync($"/api/admin/users/{caller}");
        var (_, beaNow) = await GetAsync($"/api/admin/users/{callee}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(adaNow.GetProperty("coins").GetInt64(), Is.EqualTo(StartingCoins - charged));
            Assert.That(adaNow.GetProperty("heldCoins").GetInt64(), Is.Zero);
            Assert.That(adaNow.GetProperty("isOnCall").GetBoolean(), Is.False);
            Assert.That(adaNow.GetProperty("online").GetBoolean(), Is.True);
            Assert.That(beaNow.GetProperty("earnings").GetInt64(), Is.EqualTo(charged));
            Assert.That(beaNow.GetProperty("coins").GetInt64(), Is.EqualTo(StartingCoins));
            Assert.That(_kit.Clients.Count(caller, "call:ended"), Is.EqualTo(1), "told once");
            Assert.That(_kit.Clients.Count(callee, "call:ended"), Is.EqualTo(1), "told once");
        }
    }

    [Test]
    public async Task A_ringing_call_ended_by_an_operator_is_cancelled_and_costs_nothing()
    {
        var caller = await _kit.UserAsync("cid", StartingCoins);
        var callee = await _kit.UserAsync("dot", StartingCoins);
        var callId = await _kit.RequestAsync(caller, callee);

        var (status, ended) = await PostAsync($"/api/admin/calls/{callId}/end");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), ended.GetRawText());
        Assert.That(ended.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That((await _kit.Clients.NextEventAsync(callee, "call:ended")).GetProperty("reason").GetString(), Is.EqualTo("ended_by_admin"));
        Assert.That((await _kit.Clients.NextEventAsync(caller, "call:ended")).GetProperty("coinsCharged").GetInt64(), Is.Zero);
        Assert.That((await GetAsync($"/api/admin/calls/{callId}/ledger")).Body.GetProperty("entries").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_user_and_a_call_read_back_whole()
    {
        var caller = await _kit.UserAsync("eve", StartingCoins, name: "Eve E.");
        var callee = await _kit.UserAsync("fay", StartingCoins);
        var callId = await _kit.StartCallAsync(caller, callee, type: "audio");

        var (userStatus, user) = await GetAsync($"/api/admin/users/{caller}");
        var (callStatus, call) = await GetAsync($"/api/admin/calls/{callId}");

        Assert.That(userStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(callStatus, Is.EqualTo(HttpStatusCode.OK));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.GetProperty("userId").GetString(), Is.EqualTo(caller));
            Assert.That(user.GetProperty("name").GetString(), Is.EqualTo("Eve E."));
            Assert.That(user.GetProperty("isOnCall").GetBoolean(), Is.True);
            Assert.That(user.GetProperty("currentCallId").GetString(), Is.EqualTo(callId));
            Assert.That(user.GetProperty("coins").GetInt64() + user.GetProperty("heldCoins").GetInt64(), Is.EqualTo(StartingCoins));
            Assert.That(call.GetProperty("callId").GetString(), Is.EqualTo(callId));
            Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("audio"));
            Assert.That(call.GetProperty("status").GetString(), Is.EqualTo("active"));
            Assert.That(call.GetProperty("caller").GetProperty("name").GetString(), Is.EqualTo("Eve E."));
            Assert.That(call.GetProperty("callee").GetProperty("userId").GetString(), Is.EqualTo(callee));
            Assert.That(call.GetProperty("joinedUserIds").EnumerateArray().Select(j => j.GetString()), Is.EquivalentTo(new[] { caller, callee }));
            Assert.That(call.GetProperty("rejoinedUserIds").GetArrayLength(), Is.Zero);
            Assert.That(call.GetProperty("deadlines").GetProperty("endsAt").GetString(), Is.Not.Null);
            Assert.That(call.GetProperty("timer").GetProperty("durationLimit").GetInt32(), Is.EqualTo(300));
            Assert.That(call.GetProperty("timer").GetProperty("remainingTime").GetInt32(), Is.InRange(1, 300));
            Assert.That(call.GetProperty("billing").GetProperty("ratePerMinute").GetInt32(), Is.EqualTo(60));
            Assert.That(call.GetProperty("billing").GetProperty("holdCoins").GetInt64(), Is.EqualTo(300));
            Assert.That(call.GetProperty("version").GetInt64(), Is.GreaterThan(1));
            Assert.That((await GetAsync("/api/admin/users/nobody")).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await GetAsync("/api/admin/calls/nothing")).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await GetAsync("/api/admin/calls/nothing/ledger")).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await PostAsync("/api/admin/calls/nothing/end")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Calls_list_by_status_and_user_newest_first_in_pages()
    {
        var a = await _kit.UserAsync("gus", StartingCoins);
        var b = await _kit.UserAsync("hal", StartingCoins);
        var c = await _kit.UserAsync("ivy", StartingCoins);
        var d = await _kit.UserAsync("max", StartingCoins);
        var first = await _kit.RequestAsync(a, b);
        CallKit.AssertOk(await _kit.Clients.EmitAsync(a, "call:cancel", new { callId = first }));
        var second = await _kit.RequestAsync(c, a);
        var live = await _kit.StartCallAsync(b, d);

        async Task<string[]> Ids(string query) =>
            [.. (await GetAsync("/api/admin/calls" + query)).Body.GetProperty("calls").EnumerateArray().Select(call => call.GetProperty("callId").GetString()!)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Ids(""), Is.EqualTo(new[] { live, second, first }));
            Assert.That(await Ids("?status=live"), Is.EqualTo(new[] { live, second }));
            Assert.That(await Ids("?status=cancelled"), Is.EqualTo(new[] { first }));
            Assert.That(await Ids("?status=active&userId=" + d), Is.EqualTo(new[] { live }));
            Assert.That(await Ids("?userId=" + a), Is.EqualTo(new[] { second, first }));
            Assert.That(await Ids("?userId=" + a + "&status=live"), Is.EqualTo(new[] { second }));
        }
        var (_, page1) = await GetAsync("/api/admin/calls?limit=2");
        var cursor = page1.GetProperty("nextCursor").GetString();
        var (_, page2) = await GetAsync($"/api/admin/calls?limit=2&cursor={Uri.EscapeDataString(cursor!)}");
        Assert.That(page1.GetProperty("calls").GetArrayLength(), Is.EqualTo(2));
        Assert.That(page2.GetProperty("calls").EnumerateArray().Select(call => call.GetProperty("callId").GetString()), Is.EqualTo(new[] { first }));
        Assert.That(page2.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));

        foreach (var bad in new[] { "?status=over", "?status=", "?cursor=nope", "?limit=0", "?userId=" + new string('x', 129) })
        {
            var (status, body) = await GetAsync("/api/admin/calls" + bad);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), bad);
            Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("invalid_payload"), bad);
        }
    }

    [Test]
    public async Task Setting_coins_goes_through_the_call_service_and_updates_every_tab()
    {
        var user = await _kit.UserAsync("jon", StartingCoins);

        using var response = await _admin.PutAsync($"/api/admin/users/{user}/coins", JsonContent.Create(new { coins = 77 }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var wallet = await _kit.Clients.NextEventAsync(user, "wallet:updated");
        Assert.That(wallet.GetProperty("coins").GetInt64(), Is.EqualTo(77));
        Assert.That((await GetAsync($"/api/admin/users/{user}")).Body.GetProperty("coins").GetInt64(), Is.EqualTo(77));
    }

    [Test]
    public async Task Every_admin_route_needs_the_key()
    {
        using var anonymous = new HttpClient { BaseAddress = _kit.Server.BaseUrl };
        foreach (var path in new[] { "/api/admin/users/x", "/api/admin/calls", "/api/admin/calls/x", "/api/admin/calls/x/ledger" })
        {
            Assert.That((await anonymous.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
        }
        Assert.That((await anonymous.PostAsync("/api/admin/calls/x/end", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_malformed_end_body_is_refused_and_ends_nothing()
    {
        var caller = await _kit.UserAsync("kit", StartingCoins);
        var callee = await _kit.UserAsync("lou", StartingCoins);
        var callId = await _kit.RequestAsync(caller, callee);

        foreach (var body in new object[] { new[] { 1 }, new { note = 5 }, new { note = new string('n', 501) } })
        {
            Assert.That((await PostAsync($"/api/admin/calls/{callId}/end", body)).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        }
        Assert.That((await _kit.Server.Store.GetCallAsync(callId, CancellationToken.None))!.Status, Is.EqualTo(CallStatus.Pending));
    }
}

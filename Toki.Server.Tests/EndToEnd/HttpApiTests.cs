using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>The HTTP API: health, /api/me, history paging, call detail, CORS and the admin API.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class HttpApiTests
{
    private const string AdminKey = "test-admin-key";
    private CallKit _kit = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = AdminKey });
        _http = new HttpClient { BaseAddress = _kit.Server.BaseUrl };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _kit.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? userId = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (userId is not null)
        {
            request.Headers.Authorization = new("Bearer", await _kit.Clients.SignAsync(new { sub = userId }, TokiTestServer.JwtSecret, new { expiresIn = "1h" }));
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return await _http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Test]
    public async Task Health_and_readiness()
    {
        Assert.That(await JsonAsync(await GetAsync("/healthz")), Has.Property("ValueKind").EqualTo(JsonValueKind.Object));
        Assert.That((await JsonAsync(await GetAsync("/healthz"))).GetProperty("status").GetString(), Is.EqualTo("ok"));
        var ready = await GetAsync("/readyz");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await JsonAsync(ready)).GetProperty("status").GetString(), Is.EqualTo("ready"));
    }

    [Test]
    public async Task The_api_needs_a_valid_bearer_token()
    {
        foreach (var path in new[] { "/api/me", "/api/calls", "/api/calls/abc" })
        {
            var response = await GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            Assert.That((await JsonAsync(response)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
        }
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        forged.Headers.Authorization = new("Bearer", await _kit.Clients.SignAsync(new { sub = "x" }, "wrong-secret-0123456789abcdef0123456789"));
        Assert.That((await _http.SendAsync(forged)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Me_and_the_call_history_with_paging()
    {
        var (alice, bob) = (await _kit.UserAsync("http-alice", coins: 500, name: "Alice"), await _kit.UserAsync("http-bob", name: "Bob"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var callId = await _kit.RequestAsync(alice, bob);
            CallKit.AssertOk(await _kit.Clients.EmitAsync(alice, "call:cancel", new { callId }));
            ids.Add(callId);
        }

        var me = await JsonAsync(await GetAsync("/api/me", alice));
        Assert.That(me.GetRawText(), Is.EqualTo("""{"userId":"http-alice","name":"Alice","coins":500,"heldCoins":0,"earnings":0,"isOnCall":false,"currentCallId":null}"""));

        var first = await JsonAsync(await GetAsync("/api/calls?limit=2", bob));
        Assert.That(first.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("callId").GetString()), Is.EqualTo(new[] { ids[2], ids[1] }));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await JsonAsync(await GetAsync($"/api/calls?limit=2&before={Uri.EscapeDataString(cursor!)}", bob));
        Assert.That(second.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("callId").GetString()), Is.EqualTo(new[] { ids[0] }));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var detail = await JsonAsync(await GetAsync($"/api/calls/{ids[0]}", alice));
        Assert.That((detail.GetProperty("status").GetString(), detail.GetProperty("caller").GetProperty("name").GetString()), Is.EqualTo(("cancelled", "Alice")));
        Assert.That((await GetAsync($"/api/calls/{ids[0]}", "http-stranger")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        Assert.That((await GetAsync("/api/calls?limit=0", bob)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await GetAsync("/api/calls?limit=abc", bob)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await GetAsync("/api/calls?before=garbage", bob)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var clamped = await JsonAsync(await GetAsync("/api/calls?limit=5000", bob));
        Assert.That(clamped.GetProperty("calls").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task Cors_allows_the_allow_list_and_refuses_others_with_403_without_cors_headers()
    {
        var allowed = await GetAsync("/healthz", origin: "http://allowed.example");
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://allowed.example" }));
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Credentials"), Is.EqualTo(new[] { "true" }));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/me");
        preflight.Headers.Add("Origin", "http://allowed.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        var answer = await _http.SendAsync(preflight);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(answer.Headers.GetValues("Access-Control-Allow-Headers"), Is.EqualTo(new[] { "authorization" }));

        var refused = await GetAsync("/api/me", origin: "http://evil.example");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        var socketRefused = await GetAsync("/socket.io/?EIO=4&transport=polling", origin: "http://evil.example");
        Assert.That(socketRefused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(socketRefused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        var socketAllowed = await GetAsync("/socket.io/?EIO=4&transport=polling", origin: "http://allowed.example");
        Assert.That(socketAllowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(socketAllowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://allowed.example" }));
    }

    [Test]
    public async Task WebSocket_handshakes_from_origins_off_the_allow_list_are_refused_with_403()
    {
        // WebSockets are served below the HTTP layer (Server:DirectWebSockets), so the CORS middleware never sees
        // them: the Engine.IO server's own origin check must refuse a cross-site WebSocket.
        Assert.That(await WebSocketHandshakeStatusAsync("http://evil.example"), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await WebSocketHandshakeStatusAsync("http://allowed.example"), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
    }

    private async Task<HttpStatusCode> WebSocketHandshakeStatusAsync(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        var url = new Uri(_kit.Server.BaseUrl.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "socket.io/?EIO=4&transport=websocket");
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Refused: the status is in HttpStatusCode.
        }
        return socket.HttpStatusCode;
    }

    [Test]
    public async Task Same_origin_requests_pass_whatever_the_allow_list_says()
    {
        // Browsers send Origin on same-origin POSTs and WebSocket handshakes too, e.g. from the sample frontend
        // served by this server; they are not cross-origin.
        var own = _kit.Server.BaseUrl.GetLeftPart(UriPartial.Authority);
        var bob = await _kit.UserAsync("same-origin-bob");
        Assert.That((await GetAsync("/api/me", bob, origin: own)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync("/socket.io/?EIO=4&transport=polling", origin: own)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var otherPort = $"{_kit.Server.BaseUrl.Scheme}://{_kit.Server.BaseUrl.Host}:{_kit.Server.BaseUrl.Port + 1}";
        Assert.That((await GetAsync("/api/me", bob, origin: otherPort)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await GetAsync("/socket.io/?EIO=4&transport=polling", origin: otherPort)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_admin_api_creates_users_and_sets_coins_with_the_key_only()
    {
        var body = JsonContent.Create(new { id = "admin-made", name = "Made", coins = 42 });
        Assert.That((await _http.PostAsync("/api/admin/users", body)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        _http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        try
        {
            Assert.That((await _http.PostAsync("/api/admin/users", JsonContent.Create(new { id = "admin-made", name = "Made", coins = 42 }))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((await _http.PostAsync("/api/admin/users", JsonContent.Create(new { id = "admin-made", name = "Made", coins = 42 }))).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await _http.PostAsync("/api/admin/users", JsonContent.Create(new { id = "x", coins = -1 }))).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            var set = await _http.PutAsync("/api/admin/users/admin-made/coins", JsonContent.Create(new { coins = 7 }));
            Assert.That((await JsonAsync(set)).GetProperty("coins").GetInt64(), Is.EqualTo(7));
            Assert.That((await _http.PutAsync("/api/admin/users/nobody/coins", JsonContent.Create(new { coins = 7 }))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            _http.DefaultRequestHeaders.Remove("X-Admin-Key");
        }
        Assert.That((await _kit.Server.Store.GetUserAsync("admin-made", CancellationToken.None))!.Coins, Is.EqualTo(7));
    }

    [Test]
    public async Task Without_a_key_the_admin_api_does_not_exist()
    {
        await using var plain = await TokiTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = plain.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Admin-Key", "");
        Assert.That((await http.PostAsync("/api/admin/users", JsonContent.Create(new { id = "a", name = "a", coins = 1 }))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

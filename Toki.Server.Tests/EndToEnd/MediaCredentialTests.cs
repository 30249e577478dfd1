using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// Media credentials as clients receive them in real calls: Agora tokens that the official agora-token package
/// parses and verifies (fresh on proceed, rejoin and renew), and WebRTC ICE servers with time-limited TURN
/// credentials in coturn's shared-secret scheme.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class MediaCredentialTests
{
    // Agora's own published sample credentials, used in its documentation and test vectors.
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";

    [Test]
    public async Task Agora_tokens_are_issued_per_user_and_verified_by_the_official_package()
    {
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?>
        {
            ["Media:Agora:AppId"] = AppId,
            ["Media:Agora:AppCertificate"] = Certificate,
        });
        var (alice, bob) = (await kit.UserAsync("alice"), await kit.UserAsync("bob"));
        var callId = await kit.RequestAsync(alice, bob);
        await kit.AcceptAsync(bob, callId);
        var aliceMedia = (await kit.Clients.NextEventAsync(alice, "call:proceed")).GetProperty("media");
        var bobMedia = (await kit.Clients.NextEventAsync(bob, "call:proceed")).GetProperty("media");
        CallKit.AssertOk(await kit.Clients.EmitAsync(alice, "call:joined", new { callId }));
        CallKit.AssertOk(await kit.Clients.EmitAsync(bob, "call:joined", new { callId }));
        await kit.Clients.EmitAsync(alice, "call:end", new { callId });
        var rejoinAck = await kit.Clients.EmitAsync(alice, "call:rejoin", new { callId });
        var rejoinedMedia = (await kit.Clients.NextEventAsync(alice, "call:rejoined")).GetProperty("media");
        var renewed = (await kit.Clients.EmitAsync(bob, "call:renew-token", new { callId })).GetProperty("media");

        foreach (var media in new[] { aliceMedia, bobMedia, rejoinedMedia, renewed })
        {
            Assert.That((media.GetProperty("provider").GetString(), media.GetProperty("appId").GetString(), media.GetProperty("channel").GetString()),
                Is.EqualTo(("agora", AppId, callId)));
        }
        var aliceUid = aliceMedia.GetProperty("uid").GetUInt32();
        var bobUid = bobMedia.GetProperty("uid").GetUInt32();
        Assert.That(aliceUid, Is.Not.EqualTo(bobUid).And.Not.Zero);
        Assert.That(rejoinedMedia.GetProperty("uid").GetUInt32(), Is.EqualTo(aliceUid), "a stable uid per user per call");
        Assert.That(renewed.GetProperty("uid").GetUInt32(), Is.EqualTo(bobUid));
        Assert.That(rejoinAck.GetProperty("media").GetProperty("token").GetString(), Is.EqualTo(rejoinedMedia.GetProperty("token").GetString()));
        var tokens = new[] { aliceMedia, bobMedia, rejoinedMedia, renewed }.Select(m => m.GetProperty("token").GetString()!).ToArray();
        Assert.That(tokens.Distinct().Count(), Is.EqualTo(4), "every issue is a fresh token");

        var checks = await VerifyAsync(tokens);
        for (var i = 0; i < tokens.Length; i++)
        {
            var check = checks[i];
            Assert.That((check.GetProperty("verified").GetBoolean(), check.GetProperty("verifiedWithWrongCert").GetBoolean()), Is.EqualTo((true, false)));
            var service = check.GetProperty("services")[0];
            var uid = i is 0 or 2 ? aliceUid : bobUid;
            Assert.That((service.GetProperty("channel").GetString(), service.GetProperty("uid").GetString()), Is.EqualTo((callId, uid.ToString(CultureInfo.InvariantCulture))));
            Assert.That(service.GetProperty("privileges").EnumerateArray().Select(p => p[0].GetInt32()), Is.EqualTo(new[] { 1, 2, 3, 4 }), "join and publish audio, video, data");
            var lifetime = check.GetProperty("expire").GetInt64();
            Assert.That(lifetime, Is.InRange(300 + 60, 300 + 120), "the call's remaining time plus a two-minute margin");
        }
        Assert.That(kit.Server.Logs.Any(line => line.Contains(Certificate, StringComparison.OrdinalIgnoreCase)), Is.False, "the certificate never reaches a log");
    }

    [Test]
    public async Task WebRtc_media_lists_the_configured_ice_servers_with_time_limited_turn_credentials()
    {
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?>
        {
            ["Media:WebRtc:IceServers:0:Urls:0"] = "stun:stun.example.org:3478",
            ["Media:WebRtc:IceServers:1:Urls:0"] = "turn:turn.example.org:3478?transport=udp",
            ["Media:WebRtc:IceServers:1:Urls:1"] = "turns:turn.example.org:5349",
            ["Media:WebRtc:IceServers:1:SharedSecret"] = "coturn-shared-secret",
            ["Media:WebRtc:IceServers:1:CredentialTtl"] = "00:10:00",
        });
        var (alice, bob) = (await kit.UserAsync("alice"), await kit.UserAsync("bob"));
        var callId = await kit.RequestAsync(alice, bob);
        await kit.AcceptAsync(bob, callId);
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var media = (await kit.Clients.NextEventAsync(bob, "call:proceed")).GetProperty("media");
        Assert.That(media.GetProperty("initiator").GetBoolean(), Is.False);
        var servers = media.GetProperty("iceServers");
        Assert.That(servers[0].GetRawText(), Is.EqualTo("""{"urls":["stun:stun.example.org:3478"]}"""));
        var turn = servers[1];
        var username = turn.GetProperty("username").GetString()!;
        var parts = username.Split(':');
        Assert.That(parts[1], Is.EqualTo(bob));
        Assert.That(long.Parse(parts[0], CultureInfo.InvariantCulture) - before, Is.InRange(590, 610), "expires after the configured ten minutes");
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("coturn-shared-secret"), Encoding.UTF8.GetBytes(username)));
        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(expected));
        Assert.That(kit.Server.Logs.Any(line => line.Contains("coturn-shared-secret", StringComparison.Ordinal)), Is.False);
    }

    private static async Task<JsonElement[]> VerifyAsync(IEnumerable<string> tokens)
    {
        var cases = tokens.Select((token, i) => new { id = i.ToString(CultureInfo.InvariantCulture), token, cert = Certificate, wrongCert = "0123456789abcdef0123456789abcdef" });
        var result = await NodeScript.RunAsync("agora-check.mjs", [], TimeSpan.FromSeconds(30), standardInput: JsonSerializer.Serialize(cases));
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        return [.. JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}

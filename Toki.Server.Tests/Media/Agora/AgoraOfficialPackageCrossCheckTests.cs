using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Server.Media.Agora;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Media.Agora;

/// <summary>
/// Checks our tokens with the official agora-token 2.0.6 package (node/agora-check.mjs), in one Node run:
/// tokens from the public builder must parse, verify with the certificate only, and carry the fields we built;
/// tokens from the internal fixed-salt overload must inflate to exactly the package's own payload.
/// </summary>
[Category(TestCategories.Node)]
internal sealed class AgoraOfficialPackageCrossCheckTests
{
    private static readonly (ushort, uint)[] Publisher3600 = [(1, 3600), (2, 3600), (3, 3600), (4, 3600)];
    private static readonly DateTimeOffset Nov2026 = new(2026, 11, 21, 7, 36, 12, TimeSpan.Zero);

    public static IEnumerable<AgoraCrossCheckCase> Cases() =>
    [
        new("uid 0 wildcard", "call_65f0c0ffee", 0, null, Publisher3600, 3600, Nov2026, 1),
        new("uid 1", "call_65f0c0ffee", 1, null, Publisher3600, 3600, Nov2026, 99_999_999),
        new("uid 12345, short expiry", "room-abc", 12345, null, [(1, 60), (2, 60), (3, 60), (4, 60)], 60, Nov2026.AddYears(3), 12345678),
        new("uid 2882341273, join only", "7d72365eb983485397e3e3f9d460bdda", 2882341273, null, [(1, 600)], 600, DateTimeOffset.FromUnixTimeSeconds(1111111), 4242),
        new("uid 4294967295, 24 h", new string('x', 63), 4294967295, null, [(1, 86400), (2, 86400), (3, 86400), (4, 86400)], 86400, Nov2026, 777),
        new("account user_42, mixed expiries", "call_1", null, "user_42", [(1, 7200), (2, 3600), (4, 0)], 7200, Nov2026.AddSeconds(1), 31337),
        new("255-byte account", "call with spaces & (symbols)!", null, new string('a', 255), [(1, 1800), (3, 900)], 1800, Nov2026, 5),
        new("non-ASCII account", "call_2", null, "josé-ユーザー-🙂", Publisher3600, 3600, Nov2026.AddDays(400), 65536),
        new("numeric-looking account", "call_3", null, "0042", [(1, 300)], 300, Nov2026, 100),
    ];

    private sealed record Built(string PublicToken, byte[] FixedSaltContent);

    private sealed record NodeService(int Type, string Channel, string Uid, uint[][] Privileges);

    private sealed record NodeResult(string Id, bool Parsed, bool Verified, bool VerifiedWithWrongCert, string? AppId,
        uint IssueTs, uint Expire, uint Salt, NodeService[] Services, string? OfficialContentHex);

    private readonly Dictionary<string, Built> _built = [];
    private Dictionary<string, NodeResult> _results = [];

    [OneTimeSetUp]
    public async Task BuildAllTokensAndRunTheOfficialPackageOnce()
    {
        var input = new List<object>();
        foreach (var c in Cases())
        {
            var clock = new FakeTimeProvider(c.Now);
            var builder = new AgoraRtcTokenBuilder(AgoraTestCredentials.Options(), clock);
            var expiry = TimeSpan.FromSeconds(c.TokenExpire);
            var issueTs = (uint)c.Now.ToUnixTimeSeconds();
            var (publicToken, fixedToken) = c.Account is { } account
                ? (builder.BuildWithAccount(c.Channel, account, c.BuildPrivileges(), expiry),
                   builder.BuildWithAccount(c.Channel, account, c.BuildPrivileges(), expiry, issueTs, c.Salt))
                : (builder.BuildWithUid(c.Channel, c.Uid!.Value, c.BuildPrivileges(), expiry),
                   builder.BuildWithUid(c.Channel, c.Uid!.Value, c.BuildPrivileges(), expiry, issueTs, c.Salt));
            _built[c.Name] = new Built(publicToken.Token, AccessToken2TestParser.Inflate(fixedToken.Token));

            input.Add(Case("public:" + c.Name, publicToken.Token, null));
            input.Add(Case("fixed:" + c.Name, fixedToken.Token, new
            {
                appId = AgoraTestCredentials.AppId, cert = AgoraTestCredentials.AppCertificate, issueTs,
                expire = c.TokenExpire, salt = c.Salt, channel = c.Channel,
                uid = c.Uid, account = c.Account,
                privileges = c.Privileges.Select(p => new[] { p.Key, p.Seconds }),
            }));
        }

        var run = await NodeScript.RunAsync("agora-check.mjs", [], TimeSpan.FromSeconds(60),
            standardInput: JsonSerializer.Serialize(input));

        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        _results = JsonSerializer.Deserialize<NodeResult[]>(run.StandardOutput, JsonSerializerOptions.Web)!
            .ToDictionary(r => r.Id);
    }

    private static object Case(string id, string token, object? official) => new
    {
        id, token, cert = AgoraTestCredentials.AppCertificate, wrongCert = AgoraTestCredentials.OtherCertificate,
        official,
    };

    [TestCaseSource(nameof(Cases))]
    public void Official_package_parses_and_verifies_our_token(AgoraCrossCheckCase c)
    {
        var result = _results["public:" + c.Name];
        var ourSalt = AccessToken2TestParser.Parse(_built[c.Name].PublicToken).Salt;

        Assert.Multiple(() =>
        {
            Assert.That(result.Parsed, Is.True);
            Assert.That(result.Verified, Is.True);
            Assert.That(result.VerifiedWithWrongCert, Is.False);
            Assert.That(result.AppId, Is.EqualTo(AgoraTestCredentials.AppId));
            Assert.That(result.IssueTs, Is.EqualTo(c.Now.ToUnixTimeSeconds()));
            Assert.That(result.Expire, Is.EqualTo(c.TokenExpire));
            Assert.That(result.Salt, Is.EqualTo(ourSalt).And.InRange(1u, 99_999_999u));
            Assert.That(result.Services, Has.Length.EqualTo(1));
            Assert.That(result.Services[0].Type, Is.EqualTo(1));
            Assert.That(result.Services[0].Channel, Is.EqualTo(c.Channel));
            Assert.That(result.Services[0].Uid, Is.EqualTo(c.UidField));
            Assert.That(result.Services[0].Privileges, Is.EqualTo(c.Privileges.Select(p => new[] { p.Key, p.Seconds })));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Official_token_with_the_same_salt_and_time_has_our_payload(AgoraCrossCheckCase c)
    {
        var result = _results["fixed:" + c.Name];

        Assert.Multiple(() =>
        {
            Assert.That(result.Verified, Is.True);
            Assert.That(result.Salt, Is.EqualTo(c.Salt));
            Assert.That(result.OfficialContentHex, Is.EqualTo(Convert.ToHexStringLower(_built[c.Name].FixedSaltContent)));
        });
    }
}

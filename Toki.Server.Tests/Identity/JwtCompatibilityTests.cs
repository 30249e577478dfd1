using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Toki.Server.Identity;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Identity.TestJwt;

namespace Toki.Server.Tests.Identity;

/// <summary>
/// Tokens minted by npm jsonwebtoken (the backends' library), and jsonwebtoken tokens tampered with, checked
/// by our validator and by jsonwebtoken's verify with the equivalent options. Two Node runs cover all rows.
/// </summary>
[TestFixture]
[Category(TestCategories.Node)]
internal sealed class JwtCompatibilityTests
{
    private const long T = NodeJwtCase.IssuedAt;
    private static readonly string Sub = User("65f1a2b3c4d5e6f708192a3b");

    private readonly Dictionary<string, (string Token, bool Accepted, string? Error)> _results = [];

    private static NodeJwtCase Signed(string name, string payload, string expected, bool jsonwebtokenAccepts) =>
        new(name, expected, jsonwebtokenAccepts) { PayloadJson = payload };

    private static NodeJwtCase Tampered(string name, string of, Func<string, string> tamper, string expected) =>
        new(name, expected, JsonwebtokenAccepts: false) { TamperOf = of, Tamper = tamper };

    private static IEnumerable<NodeJwtCase> Cases()
    {
        var objectId = $$"""{"sub":"65f1a2b3c4d5e6f708192a3b","iat":{{T}}}""";
        var u1 = $$"""{"sub":"u1","iat":{{T}}}""";
        const string expired = nameof(JwtFailureReason.Expired);
        const string badSignature = nameof(JwtFailureReason.BadSignature);
        const string unsupported = nameof(JwtFailureReason.UnsupportedAlgorithm);
        const string malformed = nameof(JwtFailureReason.Malformed);

        yield return Signed("sub ObjectId string", objectId, Sub, true);
        yield return Signed("id number", $$"""{"id":42,"iat":{{T}}}""", User("42"), true);
        yield return Signed("id 2^53-1", $$"""{"id":9007199254740991,"iat":{{T}}}""", User("9007199254740991"), true);
        yield return Signed("userId", $$"""{"userId":"u-7","role":"admin","iat":{{T}}}""", User("u-7"), true);
        yield return Signed("sub before id", $$"""{"id":"b","sub":"a","iat":{{T}}}""", User("a"), true);
        yield return Signed("non-ASCII sub", $$"""{"sub":"ユーザー-é","iat":{{T}}}""", User("ユーザー-é"), true);
        yield return Signed("subject and jwtid options", $$"""{"iat":{{T}}}""", User("s-1"), true)
            with { SignOptionsJson = """{"subject":"s-1","jwtid":"j-1"}""" };
        yield return Signed("keyid header, no iat", """{"sub":"u1"}""", User("u1"), true)
            with { SignOptionsJson = """{"keyid":"k-1","noTimestamp":true}""" };
        yield return Signed("no user id claim", $$"""{"name":"x","iat":{{T}}}""", nameof(JwtFailureReason.MissingUserId), true);

        var expiresIn = Signed("expiresIn 1h", u1, User("u1"), true) with { SignOptionsJson = """{"expiresIn":"1h"}""" };
        yield return expiresIn with { Name = "expiresIn 1h, at issue" };
        yield return expiresIn with { Name = "expiresIn 1h, 29 s past exp", SecondsAfterIssue = 3629 };
        yield return expiresIn with { Name = "expiresIn 1h, 30 s past exp", SecondsAfterIssue = 3630, Expected = expired,
            JsonwebtokenAccepts = false };
        var fractionalExp = Signed("fractional exp", $$"""{"sub":"u1","iat":{{T}},"exp":{{T + 10}}.5}""", User("u1"), true);
        yield return fractionalExp with { Name = "fractional exp, 40 s after issue", SecondsAfterIssue = 40 };
        yield return fractionalExp with { Name = "fractional exp, 41 s after issue", SecondsAfterIssue = 41,
            Expected = expired, JsonwebtokenAccepts = false };
        var notBefore = Signed("notBefore 60 s", u1, User("u1"), true) with { SignOptionsJson = """{"notBefore":60}""" };
        yield return notBefore with { Name = "notBefore 60 s, 31 s early", SecondsAfterIssue = 29,
            Expected = nameof(JwtFailureReason.NotYetValid), JsonwebtokenAccepts = false };
        yield return notBefore with { Name = "notBefore 60 s, 30 s early", SecondsAfterIssue = 30 };
        yield return Signed("no exp, RequireExpiration", u1, nameof(JwtFailureReason.MissingExpiration), true)
            with { RequireExpiration = true };

        var issued = Signed("issuer and audience", u1, User("u1"), true)
            with { SignOptionsJson = """{"issuer":"backend","audience":"toki"}""", Issuer = "backend", Audience = "toki" };
        yield return issued;
        yield return issued with { Name = "other issuer expected", Issuer = "other",
            Expected = nameof(JwtFailureReason.WrongIssuer), JsonwebtokenAccepts = false };
        yield return issued with { Name = "other audience expected", Audience = "other",
            Expected = nameof(JwtFailureReason.WrongAudience), JsonwebtokenAccepts = false };
        yield return issued with { Name = "audience array", SignOptionsJson = """{"audience":["web","toki"]}""",
            Issuer = null };
        yield return Signed("no iss while issuer expected", u1, nameof(JwtFailureReason.WrongIssuer), false)
            with { Issuer = "backend" };

        yield return Signed("HS384", u1, unsupported, false) with { SignOptionsJson = """{"algorithm":"HS384"}""" };
        yield return Signed("HS512", u1, unsupported, false) with { SignOptionsJson = """{"algorithm":"HS512"}""" };
        yield return Signed("RS256", u1, unsupported, false)
            with { SignOptionsJson = """{"algorithm":"RS256"}""", SigningKey = "rsa" };
        yield return Signed("alg none", u1, unsupported, false)
            with { SignOptionsJson = """{"algorithm":"none"}""", SigningSecret = null };
        yield return Signed("other secret", u1, badSignature, false) with { SigningSecret = NodeJwtCase.Secret + "x" };
        yield return Signed("non-ASCII secret, UTF-8 key", u1, User("u1"), true)
            with { SigningSecret = "clé-partagée-€-漢字-0123456789", ValidatorSecret = "clé-partagée-€-漢字-0123456789" };
        yield return Signed("typ at+jwt (jsonwebtoken ignores typ)", u1, nameof(JwtFailureReason.UnsupportedHeader), true)
            with { SignOptionsJson = """{"header":{"typ":"at+jwt"}}""" };

        const string of = "sub ObjectId string";
        yield return Tampered("payload edited", of,
            t => ReplacePart(t, 1, Encode($$"""{"sub":"admin","iat":{{T}}}""")), badSignature);
        yield return Tampered("signature bit flipped", of, t => ReplacePart(t, 2, FlipFirstBit(t.Split('.')[2])), badSignature);
        yield return Tampered("header alg changed to HS384", of,
            t => ReplacePart(t, 0, Encode("""{"alg":"HS384","typ":"JWT"}""")), unsupported);
        yield return Tampered("header alg changed to none, signature kept", of,
            t => ReplacePart(t, 0, Encode("""{"alg":"none","typ":"JWT"}""")), unsupported);
        yield return Tampered("header alg changed to none, signature dropped", of,
            t => ReplacePart(ReplacePart(t, 0, Encode("""{"alg":"none","typ":"JWT"}""")), 2, ""), unsupported);
        yield return Tampered("HS384 token relabelled HS256", "HS384",
            t => ReplacePart(t, 0, Encode("""{"alg":"HS256","typ":"JWT"}""")), badSignature);
        yield return Tampered("signature dropped", of, t => ReplacePart(t, 2, ""), malformed);
        yield return Tampered("segment appended", of, t => t + ".e30", malformed);
        yield return Tampered("signature padded", of, t => t + "=", malformed);
        yield return Tampered("signature with a non-zero unused bit", of, t => t[..^1] + NextSymbol(t[^1]), malformed);
    }

    [OneTimeSetUp]
    public async Task SignAndVerifyWithJsonwebtoken()
    {
        var cases = Cases().ToList();
        var signedCases = cases.Where(c => c.TamperOf is null).ToList();
        var signed = await RunNodeAsync(signedCases.Select(c => new JsonObject
        {
            ["op"] = "sign",
            ["payload"] = JsonNode.Parse(c.PayloadJson),
            ["secret"] = c.SigningSecret,
            ["key"] = c.SigningKey,
            ["options"] = JsonNode.Parse(c.SignOptionsJson),
        }));
        var tokens = new Dictionary<string, string>();
        foreach (var (c, result) in signedCases.Zip(signed))
        {
            tokens[c.Name] = result["token"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"jsonwebtoken could not sign {c.Name}: {result["error"]}");
        }
        foreach (var c in cases.Where(c => c.TamperOf is not null))
        {
            tokens[c.Name] = c.Tamper!(tokens[c.TamperOf!]);
        }

        var verified = await RunNodeAsync(cases.Select(c => new JsonObject
        {
            ["op"] = "verify",
            ["token"] = tokens[c.Name],
            ["secret"] = c.ValidatorSecret,
            ["options"] = new JsonObject
            {
                ["algorithms"] = new JsonArray("HS256"),
                ["clockTimestamp"] = c.Now,
                ["clockTolerance"] = 30,
                ["issuer"] = c.Issuer,
                ["audience"] = c.Audience,
            },
        }));
        foreach (var (c, result) in cases.Zip(verified))
        {
            _results[c.Name] = (tokens[c.Name], result["ok"]!.GetValue<bool>(), result["error"]?.GetValue<string>());
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Agrees_with_the_expected_verdicts(NodeJwtCase row)
    {
        var (token, accepted, error) = _results[row.Name];
        var validator = Validator(new JwtOptions
        {
            JwtSecret = row.ValidatorSecret,
            Issuer = row.Issuer,
            Audience = row.Audience,
            RequireExpiration = row.RequireExpiration,
        }, row.Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Outcome(validator.Validate(token)), Is.EqualTo(row.Expected), token);
            Assert.That(accepted, Is.EqualTo(row.JsonwebtokenAccepts), $"jsonwebtoken: {error ?? "accepted"}");
        }
    }

    private static async Task<List<JsonNode>> RunNodeAsync(IEnumerable<JsonObject> operations)
    {
        var input = new JsonArray([.. operations]).ToJsonString();
        var run = await NodeScript.RunAsync("jwt-cases.mjs", [], TimeSpan.FromSeconds(60), standardInput: input);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        return [.. JsonNode.Parse(run.StandardOutput)!.AsArray().Select(result => result!)];
    }

    private static string ReplacePart(string token, int index, string replacement)
    {
        var parts = token.Split('.');
        parts[index] = replacement;
        return string.Join('.', parts);
    }

    private static string FlipFirstBit(string signature)
    {
        var bytes = Base64Url.DecodeFromChars(signature);
        bytes[0] ^= 0x80;
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The base64url symbol one above: for a canonical last symbol of a 32-byte signature, an unused bit set.</summary>
    private static char NextSymbol(char symbol)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet[alphabet.IndexOf(symbol) + 1];
    }
}

using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Identity;
using Toki.Server.Tests.Infrastructure;
using static Toki.Server.Tests.Identity.TestJwt;
using Microsoft.Extensions.Time.Testing;

namespace Toki.Server.Tests.Identity;

/// <summary>Registered claims and the user id, on validly signed tokens: exact payload and clock in, exact outcome out.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class JwtValidatorClaimsTests
{
    private const long T = Now;
    private static readonly string Ok = User("u1");

    private static TestCaseData Row(string payload, double now, string expected, string name, JwtOptions? options = null) =>
        new TestCaseData(payload, now, options ?? new JwtOptions { JwtSecret = Secret }, expected).SetName(name);

    private static JwtOptions With(Action<JwtOptions> change)
    {
        var options = new JwtOptions { JwtSecret = Secret };
        change(options);
        return options;
    }

    private static IEnumerable<TestCaseData> Times()
    {
        var exp = $$"""{"sub":"u1","exp":{{T + 100}}}""";
        yield return Row(exp, T, Ok, "exp ahead");
        yield return Row(exp, T + 129.999, Ok, "exp + skew - 1 ms");
        yield return Row(exp, T + 130, nameof(JwtFailureReason.Expired), "exactly exp + skew");
        yield return Row(exp, T + 99.999, Ok, "zero skew, 1 ms before exp", With(o => o.ClockSkew = TimeSpan.Zero));
        yield return Row(exp, T + 100, nameof(JwtFailureReason.Expired), "zero skew, at exp",
            With(o => o.ClockSkew = TimeSpan.Zero));
        yield return Row(exp, T + 399.999, Ok, "5 min skew, 1 ms before", With(o => o.ClockSkew = TimeSpan.FromMinutes(5)));
        yield return Row(exp, T + 400, nameof(JwtFailureReason.Expired), "5 min skew, at boundary",
            With(o => o.ClockSkew = TimeSpan.FromMinutes(5)));
        var fractionalExp = $$"""{"sub":"u1","exp":{{T + 100}}.5}""";
        yield return Row(fractionalExp, T + 130.499, Ok, "fractional exp, 1 ms before");
        yield return Row(fractionalExp, T + 130.5, nameof(JwtFailureReason.Expired), "fractional exp, at boundary");
        yield return Row("""{"sub":"u1","exp":0}""", T, nameof(JwtFailureReason.Expired), "exp 0");
        yield return Row("""{"sub":"u1","exp":-1}""", T, nameof(JwtFailureReason.Expired), "negative exp");
        yield return Row("""{"sub":"u1","exp":1e300}""", T, Ok, "exp far in the future");
        yield return Row("""{"sub":"u1","exp":1e400}""", T, nameof(JwtFailureReason.Malformed), "exp overflows a double");
        foreach (var bad in new[] { "\"1800000000\"", "null", "true", "[1800000000]", "{}" })
        {
            yield return Row($$"""{"sub":"u1","exp":{{bad}}}""", T, nameof(JwtFailureReason.Malformed), $"exp {bad}");
        }

        var nbf = $$"""{"sub":"u1","nbf":{{T + 100}}}""";
        yield return Row(nbf, T + 70, Ok, "now + skew reaches nbf");
        yield return Row(nbf, T + 69.999, nameof(JwtFailureReason.NotYetValid), "now + skew 1 ms short of nbf");
        yield return Row(nbf, T + 100, Ok, "zero skew, at nbf", With(o => o.ClockSkew = TimeSpan.Zero));
        yield return Row(nbf, T + 99.999, nameof(JwtFailureReason.NotYetValid), "zero skew, 1 ms before nbf",
            With(o => o.ClockSkew = TimeSpan.Zero));
        var fractionalNbf = $$"""{"sub":"u1","nbf":{{T + 100}}.25}""";
        yield return Row(fractionalNbf, T + 70.25, Ok, "fractional nbf, at boundary");
        yield return Row(fractionalNbf, T + 70.249, nameof(JwtFailureReason.NotYetValid), "fractional nbf, 1 ms before");
        yield return Row("""{"sub":"u1","nbf":"soon"}""", T, nameof(JwtFailureReason.Malformed), "nbf string");
        yield return Row($$"""{"sub":"u1","exp":{{T - 100}},"nbf":{{T + 100}}}""", T, nameof(JwtFailureReason.Expired),
            "expired and not yet valid reports expiry");

        yield return Row($$"""{"sub":"u1","iat":{{T + 3600}}}""", T, Ok, "iat an hour ahead is not checked");
        yield return Row("""{"sub":"u1","iat":"yesterday"}""", T, Ok, "iat of any type is not checked");

        var requireExp = With(o => o.RequireExpiration = true);
        yield return Row("""{"sub":"u1"}""", T, Ok, "no exp accepted by default");
        yield return Row("""{"sub":"u1"}""", T, nameof(JwtFailureReason.MissingExpiration), "no exp when required", requireExp);
        yield return Row(exp, T, Ok, "exp present when required", requireExp);
    }

    private static IEnumerable<TestCaseData> IssuerAndAudience()
    {
        var issuer = With(o => o.Issuer = "backend");
        yield return Row("""{"sub":"u1","iss":"backend"}""", T, Ok, "issuer matches", issuer);
        foreach (var iss in new[] { "\"Backend\"", "\"backend \"", "null", "[\"backend\"]", "1" })
        {
            yield return Row($$"""{"sub":"u1","iss":{{iss}}}""", T, nameof(JwtFailureReason.WrongIssuer), $"iss {iss}", issuer);
        }
        yield return Row("""{"sub":"u1"}""", T, nameof(JwtFailureReason.WrongIssuer), "iss missing", issuer);

        var audience = With(o => o.Audience = "toki");
        foreach (var aud in new[] { "\"toki\"", """["web","toki"]""", """[1,null,"toki"]""" })
        {
            yield return Row($$"""{"sub":"u1","aud":{{aud}}}""", T, Ok, $"aud {aud}", audience);
        }
        foreach (var aud in new[] { "\"TOKI\"", "\"toki web\"", """["web"]""", "[]", "null", "1", """{"toki":true}""",
                     """[["toki"]]""" })
        {
            yield return Row($$"""{"sub":"u1","aud":{{aud}}}""", T, nameof(JwtFailureReason.WrongAudience), $"aud {aud}",
                audience);
        }
        yield return Row("""{"sub":"u1"}""", T, nameof(JwtFailureReason.WrongAudience), "aud missing", audience);

        yield return Row("""{"sub":"u1","iss":5,"aud":{}}""", T, Ok, "neither configured: any iss and aud");
        yield return Row("""{"sub":"u1","iss":"x","aud":"y"}""", T, Ok, "empty strings configured: no check",
            With(o => (o.Issuer, o.Audience) = ("", "")));
        var both = With(o => (o.Issuer, o.Audience) = ("backend", "toki"));
        yield return Row("""{"sub":"u1","iss":"x","aud":"y"}""", T, nameof(JwtFailureReason.WrongIssuer),
            "both wrong reports the issuer", both);
        yield return Row("""{"sub":"u1","iss":"backend","aud":"toki","exp":1}""", T, nameof(JwtFailureReason.Expired),
            "expiry is checked before issuer and audience", both);
        yield return Row("""{"iss":"backend","aud":"toki"}""", T, nameof(JwtFailureReason.MissingUserId),
            "user id is checked last", both);
    }

    private static IEnumerable<TestCaseData> UserIds()
    {
        const string missing = nameof(JwtFailureReason.MissingUserId);
        yield return Row("""{"sub":"65f1a2b3c4d5e6f708192a3b"}""", T, User("65f1a2b3c4d5e6f708192a3b"), "ObjectId string sub");
        yield return Row("""{"id":"65f1a2b3c4d5e6f708192a3b"}""", T, User("65f1a2b3c4d5e6f708192a3b"), "ObjectId string id");
        yield return Row("""{"userId":"u-7"}""", T, User("u-7"), "userId");
        yield return Row("""{"sub":"a","id":"b","userId":"c"}""", T, User("a"), "sub before id and userId");
        yield return Row("""{"userId":"c","id":"b"}""", T, User("b"), "id before userId regardless of JSON order");
        const string invalid = nameof(JwtFailureReason.InvalidUserId);
        yield return Row("""{"sub":"","id":"b"}""", T, invalid, "an empty sub refuses the token, no fallback to id");
        yield return Row("""{"sub":"  ","id":"b"}""", T, invalid, "a blank sub refuses the token");
        yield return Row("""{"sub":null,"userId":"c"}""", T, invalid, "a null sub is present: refused");
        yield return Row("""{"sub":true,"id":{"$oid":"x"},"userId":"c"}""", T, invalid, "a boolean sub refuses the token");
        yield return Row("""{"id":"","userId":"c"}""", T, invalid, "an empty id refuses the token, no fallback to userId");
        yield return Row("""{"sub":""}""", T, invalid, "an empty sub alone");
        yield return Row("""{"sub":" u1 "}""", T, User(" u1 "), "string kept verbatim");
        yield return Row("""{"id":42}""", T, User("42"), "integer");
        yield return Row("""{"id":-7}""", T, User("-7"), "negative integer");
        yield return Row("""{"id":0}""", T, User("0"), "zero");
        yield return Row("""{"id":42.0}""", T, User("42"), "integral decimal");
        yield return Row("""{"id":4.2e1}""", T, User("42"), "integral exponent");
        yield return Row("""{"id":9223372036854775807}""", T, User("9223372036854775807"), "Int64 max");
        yield return Row("""{"id":9223372036854775808}""", T, invalid, "above Int64");
        yield return Row("""{"id":1.5}""", T, invalid, "fractional number");
        yield return Row("""{"id":1e30}""", T, invalid, "huge number");
        yield return Row("""{"id":1.5,"userId":"c"}""", T, invalid, "an unusable number refuses the token");
        yield return Row("""{"id":["a"]}""", T, invalid, "array");
        yield return Row("""{"Sub":"a","ID":"b","userid":"c"}""", T, missing, "claim names are case-sensitive");
        yield return Row("""{"name":"x"}""", T, missing, "no id claim");
        yield return Row("{}", T, missing, "empty claims set");

        var custom = With(o => o.UserIdClaims = ["uid", "sub"]);
        yield return Row("""{"sub":"a","uid":"b"}""", T, User("b"), "configured order", custom);
        yield return Row("""{"id":"a"}""", T, missing, "unlisted default claim ignored", custom);
    }

    [TestCaseSource(nameof(Times))]
    [TestCaseSource(nameof(IssuerAndAudience))]
    [TestCaseSource(nameof(UserIds))]
    public void Validates(string payload, double now, JwtOptions options, string expected)
    {
        Assert.That(Outcome(Validator(options, now).Validate(Sign(payload))), Is.EqualTo(expected));
    }

    [Test]
    public void Success_carries_the_verified_claims_detached_from_the_parse()
    {
        var result = Validator().Validate(Sign("""{"sub":"u1","role":"admin","rooms":[1,2]}"""));

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Reason, Is.EqualTo(JwtFailureReason.None));
        Assert.That(result.Claims.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(result.Claims.GetProperty("role").GetString(), Is.EqualTo("admin"));
        Assert.That(result.Claims.GetRawText(), Is.EqualTo("""{"sub":"u1","role":"admin","rooms":[1,2]}"""));
    }

    [Test]
    public void Failure_carries_no_user_and_no_claims()
    {
        var result = Validator().Validate(Sign("""{"sub":"u1","exp":1}"""));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.UserId, Is.Null);
        Assert.That(result.Claims.ValueKind, Is.EqualTo(JsonValueKind.Undefined));
    }

    [Test]
    public void Reads_the_clock_at_each_validation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(T));
        var validator = new JwtValidator(Microsoft.Extensions.Options.Options.Create(new JwtOptions { JwtSecret = Secret }), clock);
        var token = Sign($$"""{"sub":"u1","exp":{{T + 10}}}""");

        Assert.That(Outcome(validator.Validate(token)), Is.EqualTo(Ok));
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.That(Outcome(validator.Validate(token)), Is.EqualTo(nameof(JwtFailureReason.Expired)));
    }
}

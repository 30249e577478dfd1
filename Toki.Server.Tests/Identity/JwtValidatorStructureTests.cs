using System.Buffers.Text;
using System.Text;
using NUnit.Framework;
using Toki.Server.Identity;
using static Toki.Server.Tests.Identity.TestJwt;

namespace Toki.Server.Tests.Identity;

/// <summary>Token shape, header and signature: exact token in, exact outcome out.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class JwtValidatorStructureTests
{
    private const string Payload = """{"sub":"u1"}""";
    private static readonly string Ok = User("u1");

    private static IEnumerable<TestCaseData> Table()
    {
        static TestCaseData Row(string? token, string expected, string name) =>
            new TestCaseData(token, expected).SetName(name);

        var valid = Sign(Payload);
        var parts = valid.Split('.');
        var (header, payload, signature) = (parts[0], parts[1], parts[2]);

        yield return Row(valid, Ok, "well-formed HS256 token");
        yield return Row(null, nameof(JwtFailureReason.Missing), "null");
        yield return Row("", nameof(JwtFailureReason.Missing), "empty string");
        yield return Row(new string('a', 100_000), nameof(JwtFailureReason.TooLarge), "100 kB of garbage");

        // Structure.
        yield return Row(header, nameof(JwtFailureReason.Malformed), "one segment");
        yield return Row($"{header}.{payload}", nameof(JwtFailureReason.Malformed), "two segments");
        yield return Row($"{valid}.{signature}", nameof(JwtFailureReason.Malformed), "four segments");
        yield return Row("..", nameof(JwtFailureReason.Malformed), "three empty segments");
        yield return Row($".{payload}.{signature}", nameof(JwtFailureReason.Malformed), "empty header");
        yield return Row(SignSegments(header, ""), nameof(JwtFailureReason.Malformed), "empty payload");
        yield return Row($"{header}.{payload}.", nameof(JwtFailureReason.Malformed), "empty signature");
        yield return Row(" " + valid, nameof(JwtFailureReason.Malformed), "leading space");
        yield return Row(valid + "\n", nameof(JwtFailureReason.Malformed), "trailing newline");
        yield return Row($"{header}.{payload}.{signature}=", nameof(JwtFailureReason.Malformed), "padded signature");
        yield return Row(SignSegments(Padded("""{"alg":"HS256", "typ":"JWT"}"""), payload),
            nameof(JwtFailureReason.Malformed), "padded header");
        yield return Row(SignSegments(header, Padded("""{"sub":"u12"}""")),
            nameof(JwtFailureReason.Malformed), "padded payload");
        yield return Row($"{header}.{payload}.+{signature[1..]}", nameof(JwtFailureReason.Malformed),
            "standard-alphabet character in signature");
        yield return Row(SignSegments("/" + header[1..], payload), nameof(JwtFailureReason.Malformed),
            "standard-alphabet character in header");
        yield return Row($"{header}.{payload}.{WithTrailingBitSet(signature)}", nameof(JwtFailureReason.Malformed),
            "same signature spelled with a non-zero trailing bit");

        // Header content.
        yield return Row(SignSegments(Encode("hello"), payload), nameof(JwtFailureReason.Malformed), "header not JSON");
        yield return Row(Sign(Payload, """["HS256"]"""), nameof(JwtFailureReason.Malformed), "header is an array");
        yield return Row(Sign(Payload, "\"HS256\""), nameof(JwtFailureReason.Malformed), "header is a string");
        yield return Row(Sign(Payload, """{"alg":"HS256" """), nameof(JwtFailureReason.Malformed), "header truncated");
        yield return Row(Sign(Payload, "\uFEFF" + Hs256Header), nameof(JwtFailureReason.Malformed), "header with BOM");
        yield return Row(Sign(Payload, """{"alg":"none","alg":"HS256"}"""), nameof(JwtFailureReason.Malformed),
            "duplicate alg");
        yield return Row(SignSegments(EncodeBytes("{\"alg\":\"HS256\",\"x\":\""u8, [0xFF], "\"}"u8), payload),
            nameof(JwtFailureReason.Malformed), "header with invalid UTF-8");
        foreach (var alg in new[] { "none", "None", "NONE", "HS384", "HS512", "RS256", "ES256", "PS256", "hs256",
                     "HS256 ", " HS256", "" })
        {
            yield return Row(Sign(Payload, $$"""{"alg":"{{alg}}","typ":"JWT"}"""),
                nameof(JwtFailureReason.UnsupportedAlgorithm), $"alg \"{alg}\"");
        }
        foreach (var alg in new[] { "256", "null", """["HS256"]""", """{"HS256":1}""" })
        {
            yield return Row(Sign(Payload, $$"""{"alg":{{alg}}}"""), nameof(JwtFailureReason.UnsupportedAlgorithm),
                $"alg {alg}");
        }
        yield return Row(Sign(Payload, """{"typ":"JWT"}"""), nameof(JwtFailureReason.UnsupportedAlgorithm), "no alg");
        yield return Row($"{Encode("""{"alg":"none","typ":"JWT"}""")}.{payload}.",
            nameof(JwtFailureReason.UnsupportedAlgorithm), "unsigned alg none token");
        foreach (var typ in new[] { "\"JWT\"", "\"jwt\"", "\"Jwt\"" })
        {
            yield return Row(Sign(Payload, $$"""{"alg":"HS256","typ":{{typ}}}"""), Ok, $"typ {typ}");
        }
        yield return Row(Sign(Payload, """{"alg":"HS256"}"""), Ok, "no typ");
        yield return Row(Sign(Payload, """{"alg":"HS256","typ":"JWT","kid":"k1","x":[1]}"""), Ok, "extra header fields");
        foreach (var typ in new[] { "\"JWS\"", "\"at+jwt\"", "\"application/jwt\"", "\"\"", "null", "1", """["JWT"]""" })
        {
            yield return Row(Sign(Payload, $$"""{"alg":"HS256","typ":{{typ}}}"""),
                nameof(JwtFailureReason.UnsupportedHeader), $"typ {typ}");
        }
        yield return Row(Sign(Payload, """{"alg":"HS256","crit":["exp"],"exp":1}"""),
            nameof(JwtFailureReason.UnsupportedHeader), "crit header");

        // Payload content under a valid signature.
        foreach (var json in new[] { "[]", "123", "\"u1\"", "null", "not json", """{"sub":"u1" """,
                     """{"sub":"a","sub":"b"}""", new string('[', 40) + new string(']', 40) })
        {
            yield return Row(Sign(json), nameof(JwtFailureReason.Malformed), $"payload {json[..Math.Min(json.Length, 24)]}");
        }
        yield return Row(SignSegments(header, EncodeBytes("{\"sub\":\""u8, [0xC3], "\"}"u8)),
            nameof(JwtFailureReason.Malformed), "payload with invalid UTF-8");
        yield return Row(Sign("""{"sub":"\uD800"}"""), nameof(JwtFailureReason.Malformed), "lone high surrogate in sub");
        yield return Row(Sign("""{"sub":"u1","x":"a\uDC00"}"""), nameof(JwtFailureReason.Malformed),
            "lone low surrogate in another claim");
        yield return Row(Sign("""{"\uD800":1,"sub":"u1"}"""), nameof(JwtFailureReason.Malformed),
            "lone surrogate in a claim name");
        yield return Row(Sign(Payload, """{"alg":"HS256","typ":"\uD800"}"""), nameof(JwtFailureReason.Malformed),
            "lone surrogate in typ");
        yield return Row(Sign("""{"sub":"\uD83D\uDE00"}"""), User("\U0001F600"), "escaped surrogate pair in sub");
        yield return Row(Sign("""{"\u0073ub":"u1"}"""), Ok, "escaped claim name");
        yield return Row(Sign("""{"sub":"a","\u0073ub":"b"}"""), nameof(JwtFailureReason.Malformed),
            "duplicate claim, once escaped");

        // Signature.
        yield return Row(Sign(Payload, secret: Secret + "!"), nameof(JwtFailureReason.BadSignature), "other secret");
        yield return Row($"{header}.{payload}.{FlipBit(signature)}", nameof(JwtFailureReason.BadSignature),
            "one signature bit flipped");
        yield return Row($"{header}.{Encode("""{"sub":"admin"}""")}.{signature}", nameof(JwtFailureReason.BadSignature),
            "payload replaced");
        yield return Row($"{Encode("""{"alg":"HS256"}""")}.{payload}.{signature}", nameof(JwtFailureReason.BadSignature),
            "header rewritten");
        yield return Row($"{header}.{payload}.{Base64Url.EncodeToString(new byte[48])}",
            nameof(JwtFailureReason.BadSignature), "HS384-sized signature");
        yield return Row($"{header}.{payload}.{Base64Url.EncodeToString(Base64Url.DecodeFromChars(signature)[..31])}",
            nameof(JwtFailureReason.BadSignature), "truncated signature");

        // Size limit.
        yield return Row(TokenOfLength(JwtValidator.MaxTokenLength), Ok, "exactly the maximum length");
        yield return Row(TokenOfLength(JwtValidator.MaxTokenLength + 1), nameof(JwtFailureReason.TooLarge),
            "one character over the maximum");
    }

    [TestCaseSource(nameof(Table))]
    public void Validates(string? token, string expected)
    {
        Assert.That(Outcome(Validator().Validate(token)), Is.EqualTo(expected));
    }

    // The validator remembers the header of the last token it accepted; that must never change an outcome.
    [TestCaseSource(nameof(Table))]
    public void Validates_the_same_after_accepting_a_token(string? token, string expected)
    {
        var validator = Validator();
        Assume.That(Outcome(validator.Validate(Sign(Payload))), Is.EqualTo(Ok));

        Assert.That(Outcome(validator.Validate(token)), Is.EqualTo(expected));
        Assert.That(Outcome(validator.Validate(token)), Is.EqualTo(expected), "twice");
    }

    [Test]
    public void A_remembered_header_is_only_one_whose_token_was_signed()
    {
        var validator = Validator();
        var forged = SignSegments(Encode("""{"alg":"HS256","crit":["x"]}"""), Encode(Payload), secret: "not-the-secret-of-the-server-at-all");

        Assert.That(Outcome(validator.Validate(forged)), Is.EqualTo(nameof(JwtFailureReason.UnsupportedHeader)));
        Assert.That(Outcome(validator.Validate(Sign(Payload))), Is.EqualTo(Ok));
        Assert.That(Outcome(validator.Validate(Sign(Payload, headerJson: """{"alg":"HS256"}"""))), Is.EqualTo(Ok), "another good header");
        Assert.That(Outcome(validator.Validate(Sign(Payload, headerJson: """{"alg":"none"}"""))),
            Is.EqualTo(nameof(JwtFailureReason.UnsupportedAlgorithm)), "a bad header after good ones");
        Assert.That(Outcome(validator.Validate(Sign(Payload, headerJson: """{"alg":"HS256"}""", secret: "wrong-secret-wrong-secret-wrong!!"))),
            Is.EqualTo(nameof(JwtFailureReason.BadSignature)), "a remembered header does not skip the signature");
    }

    [Test]
    public void Without_a_secret_even_a_token_signed_with_the_empty_key_is_refused()
    {
        var validator = Validator(new JwtOptions { JwtSecret = "" });

        Assert.That(Outcome(validator.Validate(Sign(Payload, secret: ""))), Is.EqualTo(nameof(JwtFailureReason.NotConfigured)));
    }

    /// <summary>Base64url with the '=' padding JWS forbids; the JSON is chosen so that padding is needed.</summary>
    private static string Padded(string json)
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_');
        Assert.That(text, Does.EndWith("="), "test input needs padding");
        return text;
    }

    private static string EncodeBytes(ReadOnlySpan<byte> start, byte[] middle, ReadOnlySpan<byte> end) =>
        Base64Url.EncodeToString([.. start, .. middle, .. end]);

    /// <summary>The last character of a 32-byte signature carries 2 unused bits; setting one keeps the bytes.</summary>
    private static string WithTrailingBitSet(string signature)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(signature[^1]);
        Assert.That(last & 0x03, Is.Zero, "canonical encoding expected");
        return signature[..^1] + alphabet[last | 1];
    }

    private static string FlipBit(string signature)
    {
        var bytes = Base64Url.DecodeFromChars(signature);
        bytes[10] ^= 0x01;
        return Base64Url.EncodeToString(bytes);
    }

    private static string TokenOfLength(int length)
    {
        for (var padding = 0; padding < length; padding++)
        {
            var token = Sign($$"""{"sub":"u1","pad":"{{new string('x', padding)}}"}""");
            if (token.Length == length)
            {
                return token;
            }
        }
        throw new InvalidOperationException($"no token of length {length}");
    }
}

using NUnit.Framework;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Tests.Media.WebRtc;

[Category(TestCategories.Unit)]
internal sealed class TurnRestCredentialsTests
{
    // Expected credentials were computed independently with OpenSSL 3.0 in a UTF-8 shell, e.g.
    //   printf '%s' "1700000000:alice" | openssl dgst -sha1 -hmac "secret" -binary | base64
    public static IEnumerable<TestCaseData> Vectors() =>
    [
        new TestCaseData("secret", "alice", 1700000000L, "1700000000:alice", "d8soP47RbdIKLDUOpnJPVQyq5Ts=")
            .SetArgDisplayNames("openssl: secret / 1700000000:alice"),
        // printf '%s' "1700003600:user_42" | openssl dgst -sha1 -hmac "s3cr3t-shared-with-coturn" -binary | base64
        new TestCaseData("s3cr3t-shared-with-coturn", "user_42", 1700003600L, "1700003600:user_42", "6aLCGbpZoItDtAkwk2wrWnPBhAI=")
            .SetArgDisplayNames("openssl: longer secret"),
        // printf '%s' "1700086400:josé:42" | openssl dgst -sha1 -hmac "ключ" -binary | base64
        new TestCaseData("ключ", "josé:42", 1700086400L, "1700086400:josé:42", "26m719nKZ1fzfi6vnLNPV8WZw94=")
            .SetArgDisplayNames("openssl: UTF-8 secret and user with a colon"),
    ];

    [TestCaseSource(nameof(Vectors))]
    public void Credentials_match_independent_vectors(string secret, string userId, long expiry, string username,
        string credential)
    {
        Assert.That(TurnRestCredentials.Compute(secret, userId, expiry), Is.EqualTo((username, credential)));
    }

    public static IEnumerable<TestCaseData> InvalidInputs() =>
    [
        new TestCaseData("", "alice", 1L, typeof(ArgumentException)).SetArgDisplayNames("empty secret"),
        new TestCaseData("secret", "", 1L, typeof(ArgumentException)).SetArgDisplayNames("empty user"),
        new TestCaseData("secret", "alice", -1L, typeof(ArgumentOutOfRangeException)).SetArgDisplayNames("negative expiry"),
        new TestCaseData("secret", new string('u', 502), 1700000000L, typeof(ArgumentException))
            .SetArgDisplayNames("username of 513 bytes"),
    ];

    [TestCaseSource(nameof(InvalidInputs))]
    public void Invalid_inputs_are_rejected(string secret, string userId, long expiry, Type exception)
    {
        Assert.That(() => TurnRestCredentials.Compute(secret, userId, expiry), Throws.TypeOf(exception));
    }

    [Test]
    public void A_username_of_512_bytes_is_allowed()
    {
        var (username, _) = TurnRestCredentials.Compute("secret", new string('u', 501), 1700000000L);

        Assert.That(username, Has.Length.EqualTo(512));
    }
}

using NUnit.Framework;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Tests.Media.WebRtc;

[Category(TestCategories.Unit)]
internal sealed class WebRtcOptionsValidatorTests
{
    private const string P0 = "Media:WebRtc:IceServers:0";

    public static IEnumerable<TestCaseData> ValidOptions() =>
    [
        Valid("no servers"),
        Valid("stun only", new IceServerOptions { Urls = ["stun:stun.example.org:3478", "stuns:stun.example.org"] }),
        Valid("static turn", new IceServerOptions { Urls = ["turn:t?transport=tcp", "turns:t:443"], Username = "u", Credential = "p" }),
        Valid("shared-secret turn with a stun url", new IceServerOptions { Urls = ["stun:t", "turn:t"], SharedSecret = "s" }),
        Valid("TTL bounds",
            new IceServerOptions { Urls = ["turns:t"], SharedSecret = "s", CredentialTtl = TimeSpan.FromMinutes(1) },
            new IceServerOptions { Urls = ["turns:t"], SharedSecret = "s", CredentialTtl = TimeSpan.FromHours(24) }),
    ];

    private static TestCaseData Valid(string name, params IceServerOptions[] servers) =>
        new TestCaseData(new WebRtcOptions { IceServers = [.. servers] }).SetArgDisplayNames(name);

    [TestCaseSource(nameof(ValidOptions))]
    public void Valid_options_pass(WebRtcOptions options)
    {
        var result = new WebRtcOptionsValidator().Validate(null, options);

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    public static IEnumerable<TestCaseData> InvalidOptions() =>
    [
        Invalid("no urls", new IceServerOptions(), $"{P0}:Urls must contain at least one URL."),
        Invalid("http url", new IceServerOptions { Urls = ["stun:ok", "https://turn.example.org"] },
            $"{P0}:Urls:1 must start with stun:, stuns:, turn: or turns:; found 'https://turn.example.org'."),
        Invalid("upper-case scheme", new IceServerOptions { Urls = ["STUN:s"] },
            $"{P0}:Urls:0 must start with stun:, stuns:, turn: or turns:; found 'STUN:s'."),
        Invalid("empty url", new IceServerOptions { Urls = [""] },
            $"{P0}:Urls:0 must start with stun:, stuns:, turn: or turns:; found ''."),
        Invalid("shared secret with static credentials",
            new IceServerOptions { Urls = ["turn:t"], SharedSecret = "s", Username = "u", Credential = "p" },
            $"{P0} sets SharedSecret, so it must not also set Username or Credential."),
        Invalid("shared secret on a stun-only server", new IceServerOptions { Urls = ["stun:s"], SharedSecret = "s" },
            $"{P0} sets SharedSecret but has no turn: or turns: URL to use it with."),
        Invalid("username without credential", new IceServerOptions { Urls = ["turn:t"], Username = "u" },
            $"{P0} must set both Username and Credential, or neither."),
        Invalid("credential without username", new IceServerOptions { Urls = ["stun:s"], Credential = "p" },
            $"{P0} must set both Username and Credential, or neither."),
        Invalid("turn without credentials", new IceServerOptions { Urls = ["turns:t"] },
            $"{P0} has a turn: or turns: URL but no credentials; set SharedSecret, or Username and Credential."),
        Invalid("TTL too short", new IceServerOptions { Urls = ["turn:t"], SharedSecret = "s", CredentialTtl = TimeSpan.FromSeconds(59) },
            $"{P0}:CredentialTtl must be between 00:01:00 and 1.00:00:00; the configured value is 00:00:59."),
        Invalid("TTL too long", new IceServerOptions { Urls = ["turn:t"], SharedSecret = "s", CredentialTtl = TimeSpan.FromDays(2) },
            $"{P0}:CredentialTtl must be between 00:01:00 and 1.00:00:00; the configured value is 2.00:00:00."),
    ];

    private static TestCaseData Invalid(string name, IceServerOptions server, params string[] failures) =>
        new TestCaseData(new WebRtcOptions { IceServers = [server] }, failures).SetArgDisplayNames(name);

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_fail_with_exact_messages(WebRtcOptions options, string[] failures)
    {
        var result = new WebRtcOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Is.EqualTo(failures));
    }

    [Test]
    public void Failures_name_each_entry_and_never_contain_the_secret()
    {
        var options = new WebRtcOptions
        {
            IceServers =
            [
                new IceServerOptions { Urls = ["stun:ok"] },
                new IceServerOptions { Urls = ["ftp:x"], SharedSecret = "very-secret-value" },
            ],
        };

        var result = new WebRtcOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failures, Is.EqualTo(new[]
            {
                "Media:WebRtc:IceServers:1:Urls:0 must start with stun:, stuns:, turn: or turns:; found 'ftp:x'.",
                "Media:WebRtc:IceServers:1 sets SharedSecret but has no turn: or turns: URL to use it with.",
            }));
            Assert.That(result.FailureMessage + options.IceServers[1], Does.Not.Contain("very-secret-value"));
        });
    }
}

using NUnit.Framework;
using Toki.Server.Media.Agora;

namespace Toki.Server.Tests.Media.Agora;

[Category(TestCategories.Unit)]
internal sealed class AgoraOptionsValidatorTests
{
    private const string Id = AgoraTestCredentials.AppId;
    private const string Cert = AgoraTestCredentials.AppCertificate;
    private const string Missing = "is missing; set both AppId and AppCertificate, or neither to disable Agora.";

    public static IEnumerable<TestCaseData> ValidOptions() =>
    [
        Valid("not configured", null, null, false),
        Valid("empty strings from configuration", "", "", false),
        Valid("configured", Id, Cert, true),
        Valid("lower-case hex, shortest TTL", Id.ToLowerInvariant(), Cert.ToLowerInvariant(), true, TimeSpan.FromMinutes(1)),
        Valid("longest TTL", Id, Cert, true, TimeSpan.FromHours(24)),
    ];

    private static TestCaseData Valid(string name, string? appId, string? cert, bool configured, TimeSpan? ttl = null) =>
        new TestCaseData(new AgoraOptions { AppId = appId, AppCertificate = cert, TokenTtl = ttl ?? TimeSpan.FromHours(1) }, configured)
            .SetArgDisplayNames(name);

    [TestCaseSource(nameof(ValidOptions))]
    public void Valid_options_pass(AgoraOptions options, bool configured)
    {
        var result = new AgoraOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failures, Is.Null);
            Assert.That(result.Succeeded, Is.True);
            Assert.That(options.IsConfigured, Is.EqualTo(configured));
        });
    }

    public static IEnumerable<TestCaseData> InvalidOptions() =>
    [
        Invalid("certificate without App ID", null, Cert, null, $"Media:Agora:AppId {Missing}"),
        Invalid("App ID without certificate", Id, "", null, $"Media:Agora:AppCertificate {Missing}"),
        Invalid("short App ID", Id[..31], Cert, null,
            "Media:Agora:AppId must be exactly 32 hexadecimal characters; the configured value has 31."),
        Invalid("App ID with a non-hex character", "g" + Id[1..], Cert, null,
            "Media:Agora:AppId must be exactly 32 hexadecimal characters; the configured value contains other characters."),
        Invalid("long certificate", Id, Cert + "0", null,
            "Media:Agora:AppCertificate must be exactly 32 hexadecimal characters; the configured value has 33."),
        Invalid("certificate with spaces", Id, " " + Cert[1..], null,
            "Media:Agora:AppCertificate must be exactly 32 hexadecimal characters; the configured value contains other characters."),
        Invalid("whitespace only", " ", " ", null,
            "Media:Agora:AppId must be exactly 32 hexadecimal characters; the configured value has 1.",
            "Media:Agora:AppCertificate must be exactly 32 hexadecimal characters; the configured value has 1."),
        Invalid("zero TTL", Id, Cert, TimeSpan.Zero,
            "Media:Agora:TokenTtl must be between 00:01:00 and 1.00:00:00; the configured value is 00:00:00."),
        Invalid("TTL under a minute", Id, Cert, TimeSpan.FromSeconds(59),
            "Media:Agora:TokenTtl must be between 00:01:00 and 1.00:00:00; the configured value is 00:00:59."),
        Invalid("TTL over 24 h, even when not configured", null, null, TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1),
            "Media:Agora:TokenTtl must be between 00:01:00 and 1.00:00:00; the configured value is 1.00:00:01."),
        Invalid("everything wrong at once", "x", "my-secret-certificate", TimeSpan.FromDays(-1),
            "Media:Agora:AppId must be exactly 32 hexadecimal characters; the configured value has 1.",
            "Media:Agora:AppCertificate must be exactly 32 hexadecimal characters; the configured value has 21.",
            "Media:Agora:TokenTtl must be between 00:01:00 and 1.00:00:00; the configured value is -1.00:00:00."),
    ];

    private static TestCaseData Invalid(string name, string? appId, string? cert, TimeSpan? ttl, params string[] failures) =>
        new TestCaseData(new AgoraOptions { AppId = appId, AppCertificate = cert, TokenTtl = ttl ?? TimeSpan.FromHours(1) }, failures)
            .SetArgDisplayNames(name);

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_fail_with_exact_messages(AgoraOptions options, string[] failures)
    {
        var result = new AgoraOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.Failures, Is.EqualTo(failures));
            if (!string.IsNullOrWhiteSpace(options.AppCertificate))
            {
                Assert.That(result.FailureMessage, Does.Not.Contain(options.AppCertificate.Trim()));
            }
        });
    }

    [Test]
    public void ToString_redacts_the_certificate()
    {
        var options = new AgoraOptions { AppId = Id, AppCertificate = Cert };

        Assert.That(options.ToString(), Is.EqualTo(
            $"AgoraOptions {{ AppId = {Id}, AppCertificate = (redacted), TokenTtl = 01:00:00 }}"));
    }
}

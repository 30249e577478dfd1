using NUnit.Framework;
using System.Buffers.Text;
using Toki.Server.Identity;

namespace Toki.Server.Tests.Identity;

[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class Base64UrlStrictTests
{
    [TestCase("", "")]
    [TestCase("QQ", "41")]
    [TestCase("QUI", "4142")]
    [TestCase("QUJD", "414243")]
    [TestCase("-_8", "FBFF")]
    [TestCase("AAAA", "000000")]
    public void Decodes_canonical_unpadded_input(string text, string expectedHex)
    {
        Assert.That(Base64UrlStrict.TryDecode(text, out var bytes), Is.True);
        Assert.That(Convert.ToHexString(bytes), Is.EqualTo(expectedHex));
    }

    [TestCase("Q", TestName = "length 1 mod 4")]
    [TestCase("QUJDR", TestName = "length 5")]
    [TestCase("QQ==", TestName = "padding")]
    [TestCase("QQ=", TestName = "partial padding")]
    [TestCase("QR", TestName = "non-zero trailing bits, 1 byte")]
    [TestCase("QUJ", TestName = "non-zero trailing bits, 2 bytes")]
    [TestCase("+/8", TestName = "standard base64 alphabet")]
    [TestCase("QU JD", TestName = "inner space")]
    [TestCase("QUJD\n", TestName = "trailing newline")]
    [TestCase(" QUJD", TestName = "leading space")]
    [TestCase("QUJé", TestName = "non-ASCII letter")]
    [TestCase("QU.D", TestName = "dot")]
    public void Refuses(string text)
    {
        Assert.That(Base64UrlStrict.TryDecode(text, out var bytes), Is.False);
        Assert.That(bytes, Is.Empty);
    }

    [Test]
    public void Round_trips_what_the_framework_encoder_writes_for_every_length_up_to_100()
    {
        var random = new Random(20240611);
        for (var length = 0; length <= 100; length++)
        {
            var original = new byte[length];
            random.NextBytes(original);
            var text = Base64Url.EncodeToString(original);

            Assert.That(Base64UrlStrict.TryDecode(text, out var decoded), Is.True, text);
            Assert.That(decoded, Is.EqualTo(original), text);
        }
    }
}

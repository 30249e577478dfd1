using NUnit.Framework;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Bytes that are not well-formed BSON are rejected when read, never half-read.</summary>
internal sealed class BsonMalformedInputTests
{
    private static IEnumerable<TestCaseData> Malformed()
    {
        TestCaseData Case(string name, params byte[] bytes) => new TestCaseData(bytes).SetArgDisplayNames(name);

        yield return Case("TooShort", 4, 0, 0, 0);
        yield return Case("LengthPrefixLargerThanData", 6, 0, 0, 0, 0);
        yield return Case("LengthPrefixSmallerThanData", 5, 0, 0, 0, 0, 0);
        yield return Case("MissingTerminator", 5, 0, 0, 0, 1);
        yield return Case("NameNotTerminated", 8, 0, 0, 0, 0x0A, (byte)'a', (byte)'b', 0);
        yield return Case("UnknownType", 8, 0, 0, 0, 0x14, (byte)'a', 0, 0);
        yield return Case("Int32Truncated", 10, 0, 0, 0, 0x10, (byte)'a', 0, 1, 0, 0);
        yield return Case("StringLengthPastEnd", 13, 0, 0, 0, 0x02, (byte)'a', 0, 9, 0, 0, 0, 0, 0);
        yield return Case("StringNotNulTerminated", 14, 0, 0, 0, 0x02, (byte)'a', 0, 2, 0, 0, 0, (byte)'x', (byte)'y', 0);
        yield return Case("StringLengthZero", 13, 0, 0, 0, 0x02, (byte)'a', 0, 0, 0, 0, 0, 0, 0);
        yield return Case("BooleanNotZeroOrOne", 9, 0, 0, 0, 0x08, (byte)'a', 0, 2, 0);
        yield return Case("EmbeddedLengthPastEnd", 13, 0, 0, 0, 0x03, (byte)'a', 0, 9, 0, 0, 0, 0, 0);
        yield return Case("EmbeddedDocumentInvalidInside", 15, 0, 0, 0, 0x03, (byte)'a', 0, 7, 0, 0, 0, 0x07, 0, 0, 0);
        yield return Case("BinaryLengthPastEnd", 14, 0, 0, 0, 0x05, (byte)'a', 0, 4, 0, 0, 0, 0, 1, 0);
        yield return Case("OldBinaryInnerLengthWrong", 18, 0, 0, 0, 0x05, (byte)'a', 0, 5, 0, 0, 0, 2, 9, 0, 0, 0, 1, 0);
        yield return Case("FieldNameNotUtf8", 8, 0, 0, 0, 0x0A, 0xFF, 0, 0);
    }

    [TestCaseSource(nameof(Malformed))]
    public void Malformed_bytes_are_rejected(byte[] bytes) =>
        Assert.That(() => BsonDocument.FromBytes(bytes), Throws.TypeOf<BsonFormatException>());

    [Test]
    public void Invalid_utf8_in_a_string_value_is_rejected_when_read()
    {
        byte[] bytes = [14, 0, 0, 0, 0x02, (byte)'a', 0, 2, 0, 0, 0, 0xC3, 0, 0];
        var document = BsonDocument.FromBytes(bytes);

        Assert.That(() => document.GetString("a"), Throws.TypeOf<BsonFormatException>());
    }

    [Test]
    public void Nesting_deeper_than_MongoDB_allows_is_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => BsonDocument.FromBytes(Nested(BsonDocument.MaxDepth - 1).ToArray()), Throws.Nothing);
            Assert.That(() => BsonDocument.FromBytes(Nested(BsonDocument.MaxDepth).ToArray()), Throws.TypeOf<BsonFormatException>());
        });
    }

    private static BsonDocument Nested(int levels)
    {
        var document = BsonDocument.Empty;
        for (var i = 0; i < levels; i++)
        {
            document = new BsonDocumentBuilder().Add("n", document).Build();
        }

        return document;
    }
}

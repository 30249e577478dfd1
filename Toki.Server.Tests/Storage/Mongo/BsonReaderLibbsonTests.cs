using NUnit.Framework;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Documents encoded by libbson from extended JSON, read back by the managed reader.</summary>
internal sealed class BsonReaderLibbsonTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string json, Func<BsonDocument, object> read, object expected) =>
            new TestCaseData(json, read, expected).SetArgDisplayNames(name);

        yield return Case("Utf8String", """{"v": "héllo ✓ 😀 ключ"}""", d => d.GetString("v"), "héllo ✓ 😀 ключ");
        yield return Case("EmptyString", """{"v": ""}""", d => d.GetString("v"), string.Empty);
        yield return Case("Int32Min", """{"v": {"$numberInt": "-2147483648"}}""", d => d.GetInt32("v"), int.MinValue);
        yield return Case("Int32Max", """{"v": {"$numberInt": "2147483647"}}""", d => d.GetInt32("v"), int.MaxValue);
        yield return Case("Int64Max", """{"v": {"$numberLong": "9223372036854775807"}}""", d => d.GetInt64("v"), long.MaxValue);
        yield return Case("Int64Min", """{"v": {"$numberLong": "-9223372036854775808"}}""", d => d.GetInt64("v"), long.MinValue);
        yield return Case("Int64ThatFitsReadAsInt32", """{"v": {"$numberLong": "-2147483648"}}""", d => d.GetInt32("v"), int.MinValue);
        yield return Case("Int32ReadAsInt64", """{"v": {"$numberInt": "-7"}}""", d => d.GetInt64("v"), -7L);
        yield return Case("Double", """{"v": {"$numberDouble": "-2.25"}}""", d => d.GetDouble("v"), -2.25);
        yield return Case(
            "NegativeZeroKeepsItsSign", """{"v": {"$numberDouble": "-0.0"}}""", d => BitConverter.DoubleToInt64Bits(d.GetDouble("v")), BitConverter.DoubleToInt64Bits(-0.0));
        yield return Case("PositiveInfinity", """{"v": {"$numberDouble": "Infinity"}}""", d => d.GetDouble("v"), double.PositiveInfinity);
        yield return Case("NegativeInfinity", """{"v": {"$numberDouble": "-Infinity"}}""", d => d.GetDouble("v"), double.NegativeInfinity);
        yield return Case("NaN", """{"v": {"$numberDouble": "NaN"}}""", d => double.IsNaN(d.GetDouble("v")), true);
        yield return Case("DoubleMax", """{"v": {"$numberDouble": "1.7976931348623157e+308"}}""", d => d.GetDouble("v"), double.MaxValue);
        yield return Case("True", """{"v": true}""", d => d.GetBoolean("v"), true);
        yield return Case("False", """{"v": false}""", d => d.GetBoolean("v"), false);
        yield return Case("Null", """{"v": null}""", d => d["v"].IsNull, true);
        yield return Case(
            "DateMilliseconds", """{"v": {"$date": "2023-11-14T22:13:20.123Z"}}""", d => d.GetDateTime("v"),
            new DateTimeOffset(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero));
        yield return Case(
            "DateOneMillisecondBeforeEpoch", """{"v": {"$date": {"$numberLong": "-1"}}}""", d => d.GetDateTime("v"),
            new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero));
        yield return Case(
            "DatePre1970", """{"v": {"$date": {"$numberLong": "-2174586893211"}}}""", d => d.GetDateTime("v"),
            new DateTimeOffset(1901, 2, 3, 4, 5, 6, 789, TimeSpan.Zero));
        yield return Case("DateIsUtc", """{"v": {"$date": {"$numberLong": "1"}}}""", d => d.GetDateTime("v").Offset, TimeSpan.Zero);
        yield return Case(
            "DateMinimum", """{"v": {"$date": {"$numberLong": "-62135596800000"}}}""", d => d.GetDateTime("v"), DateTimeOffset.MinValue);
        yield return Case(
            "DateBeyondDateTimeOffsetAsMilliseconds", """{"v": {"$date": {"$numberLong": "9223372036854775807"}}}""",
            d => d["v"].AsDateTimeMilliseconds, long.MaxValue);
        yield return Case(
            "EmbeddedDocument", """{"v": {"a": {"b": {"$numberInt": "3"}}}}""", d => d.GetDocument("v").GetDocument("a").GetInt32("b"), 3);
        yield return Case("EmptyDocument", """{"v": {}}""", d => d.GetDocument("v").Count, 0);
        yield return Case(
            "NestedArrays", """{"v": [[{"$numberInt": "1"}, [{"$numberInt": "2"}]], []]}""",
            d => d.GetArray("v")[0].AsArray[1].AsArray[0].AsInt32, 2);
        yield return Case("EmptyArrayInArray", """{"v": [[], "x"]}""", d => d.GetArray("v")[0].AsArray.Count, 0);
        yield return Case(
            "DocumentsInArray", """{"v": [{"k": "a"}, {"k": "b"}]}""",
            d => string.Join(",", d.GetArray("v").Select(item => item.AsDocument.GetString("k"))), "a,b");
        yield return Case(
            "ObjectId", """{"v": {"$oid": "0123456789abcdef01234567"}}""", d => d.GetObjectId("v"), ObjectId.Parse("0123456789abcdef01234567"));
        yield return Case(
            "ObjectIdCreationTime", """{"v": {"$oid": "65540000abcdef0123456789"}}""", d => d.GetObjectId("v").CreationTime,
            DateTimeOffset.FromUnixTimeSeconds(0x65540000));
        yield return Case(
            "BinaryUuid", """{"v": {"$binary": {"base64": "AAECAwQFBgcICQoLDA0ODw==", "subType": "04"}}}""",
            d => Convert.ToHexString(d["v"].AsBinary.Data.Span) + "/" + d["v"].AsBinary.Subtype, "000102030405060708090A0B0C0D0E0F/4");
        yield return Case(
            "BinaryOldSubtypeWithoutInnerLength", """{"v": {"$binary": {"base64": "AQID", "subType": "02"}}}""",
            d => Convert.ToHexString(d["v"].AsBinary.Data.Span), "010203");
        yield return Case(
            "Decimal128Raw", """{"v": {"$numberDecimal": "1.5"}}""", d => d["v"].AsDecimal128, new BsonDecimal128(15, 0x303E_0000_0000_0000));
        yield return Case(
            "Timestamp", """{"v": {"$timestamp": {"t": 1700000000, "i": 7}}}""", d => d["v"].AsTimestamp, new BsonTimestamp(1_700_000_000, 7));
        yield return Case(
            "FieldOrderAndDuplicatesFirstWins", """{"b": {"$numberInt": "1"}, "a": {"$numberInt": "2"}, "b": {"$numberInt": "3"}}""",
            d => string.Join(",", d.Select(e => e.Name)) + "=" + d.GetInt32("b"), "b,a,b=1");
    }

    [TestCaseSource(nameof(Cases))]
    public void Reader_gets_exactly_the_value_libbson_encoded(string json, Func<BsonDocument, object> read, object expected)
    {
        using var bson = NativeBson.FromExtendedJson(json);

        var document = NativeBson.ToDocument(bson);

        Assert.That(read(document), Is.EqualTo(expected));
    }

    [Test]
    public void Copying_every_value_through_the_writer_reproduces_libbsons_bytes()
    {
        const string Json = """
            {"s": "ü", "i": {"$numberInt": "5"}, "l": {"$numberLong": "-5"}, "d": {"$numberDouble": "-0.0"}, "n": null,
             "t": true, "dt": {"$date": {"$numberLong": "-1"}}, "o": {"$oid": "0123456789abcdef01234567"},
             "b": {"$binary": {"base64": "AQID", "subType": "02"}}, "m": {"$numberDecimal": "1.5"},
             "ts": {"$timestamp": {"t": 1, "i": 2}}, "r": {"$regularExpression": {"pattern": "^a", "options": "i"}},
             "mn": {"$minKey": 1}, "mx": {"$maxKey": 1}, "a": [{"x": [1, {}]}], "e": {"f": {}}}
            """;
        using var bson = NativeBson.FromExtendedJson(Json);
        var original = NativeBson.ToDocument(bson);

        var builder = new BsonDocumentBuilder();
        foreach (var element in original)
        {
            builder.Add(element.Name, element.Value);
        }

        Assert.That(builder.Build().ToArray(), Is.EqualTo(original.ToArray()));
    }
}

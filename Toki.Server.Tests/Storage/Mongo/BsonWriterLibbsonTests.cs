using NUnit.Framework;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Documents written by the managed writer, rendered by libbson itself as canonical and relaxed extended JSON.</summary>
internal sealed class BsonWriterLibbsonTests
{
    private static readonly ObjectId SampleId = ObjectId.Parse("0123456789abcdef01234567");

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, Action<BsonDocumentBuilder> build, string canonical, string? relaxed = null, bool exactReparse = true) =>
            new TestCaseData(build, canonical, relaxed ?? canonical, exactReparse).SetArgDisplayNames(name);

        yield return Case("Utf8String", b => b.Add("s", "héllo ✓ 😀 ключ"), """{ "s" : "héllo ✓ 😀 ключ" }""");
        yield return Case("EmptyString", b => b.Add("s", string.Empty), """{ "s" : "" }""");
        yield return Case("NonAsciiKey", b => b.Add("ключ", 1), """{ "ключ" : { "$numberInt" : "1" } }""", """{ "ключ" : 1 }""");
        yield return Case("EmptyKey", b => b.Add(string.Empty, true), """{ "" : true }""");
        yield return Case(
            "Int32Edges",
            b => b.Add("min", int.MinValue).Add("max", int.MaxValue).Add("zero", 0),
            """{ "min" : { "$numberInt" : "-2147483648" }, "max" : { "$numberInt" : "2147483647" }, "zero" : { "$numberInt" : "0" } }""",
            """{ "min" : -2147483648, "max" : 2147483647, "zero" : 0 }""");
        yield return Case(
            "Int64Edges",
            b => b.Add("min", long.MinValue).Add("max", long.MaxValue).Add("small", 1L),
            """{ "min" : { "$numberLong" : "-9223372036854775808" }, "max" : { "$numberLong" : "9223372036854775807" }, "small" : { "$numberLong" : "1" } }""",
            """{ "min" : -9223372036854775808, "max" : 9223372036854775807, "small" : 1 }""");
        yield return Case(
            "Doubles",
            b => b.Add("a", 1.5).Add("b", -2.25).Add("c", 1.0).Add("z", 0.0),
            """{ "a" : { "$numberDouble" : "1.5" }, "b" : { "$numberDouble" : "-2.25" }, "c" : { "$numberDouble" : "1.0" }, "z" : { "$numberDouble" : "0.0" } }""",
            """{ "a" : 1.5, "b" : -2.25, "c" : 1.0, "z" : 0.0 }""");
        yield return Case(
            "NegativeZero", b => b.Add("d", -0.0), """{ "d" : { "$numberDouble" : "-0.0" } }""", """{ "d" : -0.0 }""");
        yield return Case(
            "Infinities",
            b => b.Add("p", double.PositiveInfinity).Add("n", double.NegativeInfinity),
            """{ "p" : { "$numberDouble" : "Infinity" }, "n" : { "$numberDouble" : "-Infinity" } }""");

        // .NET's NaN has the sign bit set; libbson renders any NaN as "NaN" and parses it back as the positive quiet NaN.
        yield return Case("NaN", b => b.Add("d", double.NaN), """{ "d" : { "$numberDouble" : "NaN" } }""", exactReparse: false);
        yield return Case("Booleans", b => b.Add("t", true).Add("f", false), """{ "t" : true, "f" : false }""");
        yield return Case("Null", b => b.AddNull("n"), """{ "n" : null }""");
        yield return Case(
            "DateMilliseconds",
            b => b.Add("d", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)),
            """{ "d" : { "$date" : { "$numberLong" : "1700000000123" } } }""",
            """{ "d" : { "$date" : "2023-11-14T22:13:20.123Z" } }""");
        yield return Case(
            "DateEpoch",
            b => b.Add("d", DateTimeOffset.UnixEpoch),
            """{ "d" : { "$date" : { "$numberLong" : "0" } } }""",
            """{ "d" : { "$date" : "1970-01-01T00:00:00Z" } }""");
        yield return Case(
            "DateOneMillisecondBeforeEpoch",
            b => b.Add("d", new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero)),
            """{ "d" : { "$date" : { "$numberLong" : "-1" } } }""");
        yield return Case(
            "DatePre1970",
            b => b.Add("d", new DateTimeOffset(1901, 2, 3, 4, 5, 6, 789, TimeSpan.Zero)),
            """{ "d" : { "$date" : { "$numberLong" : "-2174586893211" } } }""");
        yield return Case(
            "DateWithOffsetIsTheInstant",
            b => b.Add("d", new DateTimeOffset(2024, 5, 6, 9, 30, 0, 250, TimeSpan.FromHours(2))),
            """{ "d" : { "$date" : { "$numberLong" : "1714980600250" } } }""",
            """{ "d" : { "$date" : "2024-05-06T07:30:00.250Z" } }""");
        yield return Case(
            "DateMinimum",
            b => b.Add("d", DateTimeOffset.MinValue),
            """{ "d" : { "$date" : { "$numberLong" : "-62135596800000" } } }""");
        yield return Case(
            "DateMaximumMillisecond",
            b => b.Add("d", BsonDateTime.TruncateToMilliseconds(DateTimeOffset.MaxValue)),
            """{ "d" : { "$date" : { "$numberLong" : "253402300799999" } } }""",
            """{ "d" : { "$date" : "9999-12-31T23:59:59.999Z" } }""");
        yield return Case(
            "EmbeddedDocuments",
            b => b.AddDocument("a", a => a.Add("b", "x").AddDocument("c", c => c.Add("d", false))).AddDocument("e", _ => { }),
            """{ "a" : { "b" : "x", "c" : { "d" : false } }, "e" : {  } }""");
        yield return Case(
            "NestedArraysAndDocumentsInArrays",
            b => b.AddArray("a", a => a
                .Add("x")
                .AddArray(inner => inner.Add(true).AddArray(_ => { }))
                .AddDocument(d => d.Add("k", "v"))
                .AddNull()),
            """{ "a" : [ "x", [ true, [  ] ], { "k" : "v" }, null ] }""");
        yield return Case("EmptyArray", b => b.AddArray("a", _ => { }), """{ "a" : [  ] }""");
        yield return Case("ObjectId", b => b.Add("_id", SampleId), """{ "_id" : { "$oid" : "0123456789abcdef01234567" } }""");
        yield return Case(
            "BinaryGenericAndUuid",
            b => b.Add("g", new BsonBinary(BsonBinary.GenericSubtype, new byte[] { 1, 2, 3 }))
                .Add("u", new BsonBinary(BsonBinary.UuidSubtype, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()))
                .Add("e", new BsonBinary(0x80, Array.Empty<byte>())),
            """{ "g" : { "$binary" : { "base64" : "AQID", "subType" : "00" } }, "u" : { "$binary" : { "base64" : "AAECAwQFBgcICQoLDA0ODw==", "subType" : "04" } }, "e" : { "$binary" : { "base64" : "", "subType" : "80" } } }""");
        yield return Case(
            "BinaryOldSubtype",
            b => b.Add("o", new BsonBinary(BsonBinary.OldBinarySubtype, new byte[] { 1, 2, 3 })),
            """{ "o" : { "$binary" : { "base64" : "AQID", "subType" : "02" } } }""");
        yield return Case(
            "Decimal128",
            b => b.Add("m", new BsonDecimal128(15, 0x303E_0000_0000_0000)),
            """{ "m" : { "$numberDecimal" : "1.5" } }""");
        yield return Case("Empty", _ => { }, "{ }");
    }

    [TestCaseSource(nameof(Cases))]
    public void Libbson_renders_the_written_bytes_as_canonical_extended_json(
        Action<BsonDocumentBuilder> build, string canonical, string relaxed, bool exactReparse)
    {
        var document = Build(build);

        Assert.That(NativeBson.ToCanonicalExtendedJson(document), Is.EqualTo(canonical));
    }

    [TestCaseSource(nameof(Cases))]
    public void Libbson_renders_the_written_bytes_as_relaxed_extended_json(
        Action<BsonDocumentBuilder> build, string canonical, string relaxed, bool exactReparse)
    {
        var document = Build(build);

        Assert.That(NativeBson.ToRelaxedExtendedJson(document), Is.EqualTo(relaxed));
    }

    [TestCaseSource(nameof(Cases))]
    public void Libbson_parses_the_canonical_json_back_to_the_same_bytes(
        Action<BsonDocumentBuilder> build, string canonical, string relaxed, bool exactReparse)
    {
        var document = Build(build);
        using var reparsed = NativeBson.FromExtendedJson(canonical);

        var bytes = NativeBson.ToDocument(reparsed).ToArray();

        if (exactReparse)
        {
            Assert.That(bytes, Is.EqualTo(document.ToArray()));
        }
        else
        {
            Assert.That(bytes, Has.Length.EqualTo(document.Bytes.Length));
        }
    }

    [Test]
    public void Writer_produces_the_bson_specification_example_bytes()
    {
        var document = new BsonDocumentBuilder().Add("hello", "world").Build();

        byte[] expected = [0x16, 0, 0, 0, 0x02, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0, 6, 0, 0, 0, (byte)'w', (byte)'o', (byte)'r', (byte)'l', (byte)'d', 0, 0];
        Assert.That(document.ToArray(), Is.EqualTo(expected));
    }

    private static BsonDocument Build(Action<BsonDocumentBuilder> build)
    {
        var builder = new BsonDocumentBuilder();
        build(builder);
        return builder.Build();
    }
}

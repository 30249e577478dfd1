using NUnit.Framework;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The typed getters convert only when nothing is lost, and otherwise name the field and both types.</summary>
internal sealed class BsonConversionTests
{
    private static readonly BsonDocument Sample = new BsonDocumentBuilder()
        .Add("int32", 42)
        .Add("int64Small", -5L)
        .Add("int64Big", 1L << 31)
        .Add("int64Inexact", (1L << 53) + 1)
        .Add("int64ExactLarge", 1L << 60)
        .Add("int64Min", long.MinValue)
        .Add("double", 1.0)
        .Add("string", "42")
        .Add("bool", true)
        .Add("date", DateTimeOffset.UnixEpoch)
        .AddNull("null")
        .Build();

    private static IEnumerable<TestCaseData> Allowed()
    {
        yield return new TestCaseData((Func<BsonDocument, object>)(d => d.GetInt32("int64Small")), -5).SetArgDisplayNames("Int64FittingInt32ReadsAsInt32");
        yield return new TestCaseData((Func<BsonDocument, object>)(d => d.GetInt64("int32")), 42L).SetArgDisplayNames("Int32WidensToInt64");
        yield return new TestCaseData((Func<BsonDocument, object>)(d => d.GetDouble("int32")), 42.0).SetArgDisplayNames("Int32WidensToDouble");
        yield return new TestCaseData((Func<BsonDocument, object>)(d => d.GetDouble("int64ExactLarge")), Math.Pow(2, 60)).SetArgDisplayNames("ExactInt64ReadsAsDouble");
        yield return new TestCaseData((Func<BsonDocument, object>)(d => d.GetDouble("int64Min")), -Math.Pow(2, 63)).SetArgDisplayNames("Int64MinReadsAsDouble");
        yield return new TestCaseData((Func<BsonDocument, object>)(d => d["date"].AsDateTimeMilliseconds), 0L).SetArgDisplayNames("DateAsMilliseconds");
    }

    private static IEnumerable<TestCaseData> Refused()
    {
        TestCaseData Case(string name, Func<BsonDocument, object> read, string message) =>
            new TestCaseData(read, message).SetArgDisplayNames(name);

        yield return Case("Int64TooBigForInt32", d => d.GetInt32("int64Big"), "Field 'int64Big' holds the Int64 2147483648, which does not fit in an Int32.");
        yield return Case("Int64InexactAsDouble", d => d.GetDouble("int64Inexact"), "Field 'int64Inexact' holds the Int64 9007199254740993, which a double cannot hold exactly.");
        yield return Case("DoubleAsInt32", d => d.GetInt32("double"), "Field 'double' is Double, not Int32; it is not converted.");
        yield return Case("DoubleAsInt64", d => d.GetInt64("double"), "Field 'double' is Double, not Int64; it is not converted.");
        yield return Case("StringAsInt32", d => d.GetInt32("string"), "Field 'string' is String, not Int32; it is not converted.");
        yield return Case("Int32AsString", d => d.GetString("int32"), "Field 'int32' is Int32, not String; it is not converted.");
        yield return Case("Int32AsBoolean", d => d.GetBoolean("int32"), "Field 'int32' is Int32, not Boolean; it is not converted.");
        yield return Case("BooleanAsInt32", d => d.GetInt32("bool"), "Field 'bool' is Boolean, not Int32; it is not converted.");
        yield return Case("DateAsInt64", d => d.GetInt64("date"), "Field 'date' is DateTime, not Int64; it is not converted.");
        yield return Case("Int64AsDate", d => d.GetDateTime("int64Small"), "Field 'int64Small' is Int64, not DateTime; it is not converted.");
        yield return Case("NullAsString", d => d.GetString("null"), "Field 'null' is Null, not String; it is not converted.");
        yield return Case("StringAsDocument", d => d.GetDocument("string"), "Field 'string' is String, not Document; it is not converted.");
        yield return Case("DocumentAsArray", d => d.GetArray("string"), "Field 'string' is String, not Array; it is not converted.");
        yield return Case("Int32AsObjectId", d => d.GetObjectId("int32"), "Field 'int32' is Int32, not ObjectId; it is not converted.");
    }

    [TestCaseSource(nameof(Allowed))]
    public void Lossless_conversions_are_allowed(Func<BsonDocument, object> read, object expected) =>
        Assert.That(read(Sample), Is.EqualTo(expected));

    [TestCaseSource(nameof(Refused))]
    public void Lossy_or_cross_type_reads_throw_naming_field_and_types(Func<BsonDocument, object> read, string message) =>
        Assert.That(() => read(Sample), Throws.TypeOf<BsonConversionException>().With.Message.EqualTo(message));

    [Test]
    public void A_date_outside_DateTimeOffset_range_throws_but_stays_readable_as_milliseconds()
    {
        var document = new BsonDocumentBuilder().Add("d", DateTimeOffset.MinValue).Build();
        var bytes = document.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 9), DateTimeOffset.MinValue.ToUnixTimeMilliseconds() - 1);
        var tooEarly = BsonDocument.FromBytes(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(() => tooEarly.GetDateTime("d"), Throws.TypeOf<BsonConversionException>().With.Message.Contains("-62135596800001"));
            Assert.That(tooEarly["d"].AsDateTimeMilliseconds, Is.EqualTo(-62_135_596_800_001L));
        });
    }

    [Test]
    public void A_missing_field_throws_KeyNotFound_naming_it() =>
        Assert.That(() => Sample["absent"], Throws.TypeOf<KeyNotFoundException>().With.Message.EqualTo("The BSON document has no field 'absent'."));

    [Test]
    public void TryGetValue_reports_presence()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Sample.TryGetValue("int32", out var value), Is.True);
            Assert.That(value.Type, Is.EqualTo(BsonType.Int32));
            Assert.That(Sample.TryGetValue("absent", out _), Is.False);
            Assert.That(Sample.Contains("null"), Is.True);
        });
    }
}

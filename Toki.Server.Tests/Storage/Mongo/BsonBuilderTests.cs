using NUnit.Framework;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

internal sealed class BsonBuilderTests
{
    private static IEnumerable<TestCaseData> RejectedValues()
    {
        TestCaseData Case(string name, Action<BsonDocumentBuilder> add, string messagePart) =>
            new TestCaseData(add, messagePart).SetArgDisplayNames(name);

        yield return Case("NulInFieldName", b => b.Add("a\0b", 1), "cannot contain a NUL");
        yield return Case("LoneSurrogateInValue", b => b.Add("a", "x\uD800y"), "lone surrogate");
        yield return Case("LoneSurrogateInName", b => b.Add("\uDC00", 1), "lone surrogate");
        yield return Case("SubMillisecondDate", b => b.Add("d", DateTimeOffset.UnixEpoch.AddTicks(1)), "sub-millisecond");
        yield return Case("UninitializedValue", b => b.Add("v", default(BsonValue)), "uninitialized");
    }

    [TestCaseSource(nameof(RejectedValues))]
    public void Values_that_cannot_be_written_losslessly_are_rejected_and_the_builder_stays_usable(Action<BsonDocumentBuilder> add, string messagePart)
    {
        var builder = new BsonDocumentBuilder().Add("before", 1);

        Assert.That(() => add(builder), Throws.ArgumentException.With.Message.Contains(messagePart));

        var document = builder.Add("after", 2).Build();
        Assert.That(document.Select(e => e.Name), Is.EqualTo(new[] { "before", "after" }));
    }

    [Test]
    public void A_value_read_from_one_document_is_copied_byte_for_byte_into_another()
    {
        var source = new BsonDocumentBuilder().AddArray("a", a => a.Add(1.5).AddDocument(d => d.Add("x", 7L))).Build();

        var copy = new BsonDocumentBuilder().Add("a", source["a"]).Build();

        Assert.That(copy.ToArray(), Is.EqualTo(source.ToArray()));
    }

    [Test]
    public void Array_builder_names_elements_by_index()
    {
        var array = new BsonArrayBuilder().Add("x").Add(2).AddNull().Build();

        Assert.That(array.Document.Select(e => e.Name), Is.EqualTo(new[] { "0", "1", "2" }));
    }

    [Test]
    public void Writing_to_the_outer_builder_inside_a_nested_callback_is_refused()
    {
        var outer = new BsonDocumentBuilder();

        Assert.That(
            () => outer.AddDocument("inner", _ => outer.Add("wrong", 1)),
            Throws.InvalidOperationException.With.Message.Contains("still being built"));
    }

    [Test]
    public void A_builder_whose_nested_callback_threw_cannot_be_used_again()
    {
        var builder = new BsonDocumentBuilder();
        Assert.That(() => builder.AddArray("a", _ => throw new InvalidTimeZoneException()), Throws.TypeOf<InvalidTimeZoneException>());

        Assert.That(() => builder.Add("b", 1), Throws.InvalidOperationException.With.Message.Contains("threw"));
    }

    [Test]
    public void Build_completes_the_builder_once()
    {
        var builder = new BsonDocumentBuilder().Add("a", 1);
        builder.Build();

        Assert.Multiple(() =>
        {
            Assert.That(() => builder.Build(), Throws.InvalidOperationException);
            Assert.That(() => builder.Add("b", 2), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Dates_are_truncated_only_on_request()
    {
        var precise = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9999);

        var document = new BsonDocumentBuilder().Add("d", BsonDateTime.TruncateToMilliseconds(precise)).Build();

        Assert.That(document.GetDateTime("d"), Is.EqualTo(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)));
    }

    [Test]
    public void ObjectId_hex_round_trips_and_rejects_non_hex()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ObjectId.Parse("65540000ABCDEF0123456789").ToString(), Is.EqualTo("65540000abcdef0123456789"));
            Assert.That(() => ObjectId.Parse("65540000abcdef012345678g"), Throws.TypeOf<FormatException>());
            Assert.That(() => ObjectId.Parse("0123"), Throws.TypeOf<FormatException>());
        });
    }
}

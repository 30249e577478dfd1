using System.Globalization;
using System.Text;
using NUnit.Framework;
using Toki.Server.Wire;

namespace Toki.Server.Tests.Wire;

/// <summary>Wire timestamps: exact strings for chosen instants, and the same text as .NET's custom format for many others.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class WireTimeTests
{
    private static IEnumerable<TestCaseData> Instants()
    {
        yield return new TestCaseData(new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.Zero), "2030-01-01T10:00:00.000Z").SetName("whole hour");
        yield return new TestCaseData(new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.Zero), "2026-12-31T23:59:59.999Z").SetName("last millisecond of a year");
        yield return new TestCaseData(new DateTimeOffset(2026, 3, 5, 1, 2, 3, 4, TimeSpan.FromHours(2)), "2026-03-04T23:02:03.004Z").SetName("offset taken to UTC, across midnight");
        yield return new TestCaseData(new DateTimeOffset(2026, 6, 7, 8, 9, 10, 11, TimeSpan.FromHours(-5.5)), "2026-06-07T13:39:10.011Z").SetName("negative half-hour offset");
        yield return new TestCaseData(new DateTimeOffset(2026, 6, 7, 8, 9, 10, TimeSpan.Zero).AddTicks(9_999), "2026-06-07T08:09:10.000Z").SetName("sub-millisecond ticks truncated");
        yield return new TestCaseData(new DateTimeOffset(2024, 2, 29, 0, 0, 0, 500, TimeSpan.Zero), "2024-02-29T00:00:00.500Z").SetName("leap day");
        yield return new TestCaseData(new DateTimeOffset(987, 7, 8, 9, 10, 11, 12, TimeSpan.Zero), "0987-07-08T09:10:11.012Z").SetName("year under 1000 padded");
        yield return new TestCaseData(DateTimeOffset.MinValue, "0001-01-01T00:00:00.000Z").SetName("minimum");
        yield return new TestCaseData(DateTimeOffset.MaxValue, "9999-12-31T23:59:59.999Z").SetName("maximum");
        yield return new TestCaseData(DateTimeOffset.UnixEpoch, "1970-01-01T00:00:00.000Z").SetName("unix epoch");
    }

    [TestCaseSource(nameof(Instants))]
    public void FormatsExactly(DateTimeOffset value, string expected)
    {
        Assert.That(WireTime.Format(value), Is.EqualTo(expected));
        var utf8 = new byte[WireTime.Length];
        WireTime.Write(value, utf8);
        Assert.That(Encoding.ASCII.GetString(utf8), Is.EqualTo(expected));
    }

    [Test]
    public void MatchesTheCustomFormatForManyInstants()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks);
            var value = new DateTimeOffset(ticks, TimeSpan.Zero);
            var expected = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            Assert.That(WireTime.Format(value), Is.EqualTo(expected), $"ticks {ticks}");
        }
    }

    [Test]
    public void RefusesAShortDestination()
    {
        Assert.That(() => WireTime.Write(DateTimeOffset.UnixEpoch, new byte[WireTime.Length - 1]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}

using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Toki.Server.Tests;

/// <summary>
/// Every fixture in this assembly belongs to exactly one tier of <see cref="TestCategories"/>, so that the tier filters
/// (<c>--filter Category=Unit</c> and the rest) split the whole suite between them and no new fixture falls through.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class TestCategoryCoverageTests
{
    private static readonly HashSet<string> Tiers =
    [
        .. typeof(TestCategories).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!),
    ];

    [Test]
    public void The_tiers_are_the_seven_documented_ones() =>
        Assert.That(Tiers, Is.EquivalentTo(new[] { "Unit", "Functional", "Node", "Browser", "Mongo", "Cluster", "Bench" }));

    [Test]
    public void Every_fixture_has_exactly_one_tier()
    {
        var fixtures = Fixtures(typeof(TestCategoryCoverageTests).Assembly).ToList();
        Assert.That(fixtures, Is.Not.Empty);

        var offenders = fixtures.SelectMany(Problems).ToList();

        Assert.That(offenders, Is.Empty,
            "Put exactly one [Category(TestCategories.X)] on each fixture (or Category = ... on each [TestFixture(...)] of a "
            + "parameterised one):\n" + string.Join("\n", offenders));
    }

    [Test]
    public void A_fixture_without_a_tier_is_caught() =>
        Assert.That(Problems(typeof(UncategorisedExample)), Is.EqualTo(new[] { $"{typeof(UncategorisedExample).FullName}: no tier" }));

    [Test]
    public void A_fixture_with_two_tiers_is_caught() =>
        Assert.That(Problems(typeof(TwoTierExample)).Single(), Does.EndWith("two or more tiers (Functional, Unit)"));

    [Test]
    public void A_parameterised_fixture_needs_a_tier_on_every_instance() =>
        Assert.That(Problems(typeof(HalfCategorisedExample)), Is.EqualTo(new[] { $"{typeof(HalfCategorisedExample).FullName}(2): no tier" }));

    [Test]
    public void A_tier_on_a_single_test_is_caught() =>
        Assert.That(Problems(typeof(MethodTierExample)).Single(), Does.Contain("Method: a tier belongs on the fixture"));

    /// <summary>The concrete classes NUnit makes fixtures of: those with a test method of their own or inherited.</summary>
    private static IEnumerable<Type> Fixtures(Assembly assembly) =>
        assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && TestMethods(type).Any());

    private static IEnumerable<MethodInfo> TestMethods(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(method => method.GetCustomAttributes(inherit: true).Any(a => a is ISimpleTestBuilder or ITestBuilder));

    private static IEnumerable<string> Problems(Type type)
    {
        var onClass = TiersOf(type.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(a => a.Name));
        var parameterised = type.GetCustomAttributes<TestFixtureAttribute>(inherit: false)
            .Where(a => a.Arguments.Length > 0).ToList();
        var instances = parameterised.Count == 0
            ? [(Name: type.FullName!, Tiers: onClass)]
            : parameterised.Select((fixture, i) => (
                Name: $"{type.FullName}({i + 1})",
                Tiers: onClass.Concat(TiersOf((fixture.Category ?? "").Split(','))).Distinct().ToList()));
        foreach (var (name, tiers) in instances)
        {
            if (tiers.Count == 0)
            {
                yield return $"{name}: no tier";
            }
            else if (tiers.Count > 1)
            {
                yield return $"{name}: two or more tiers ({string.Join(", ", tiers.Order(StringComparer.Ordinal))})";
            }
        }
        foreach (var method in TestMethods(type))
        {
            if (TiersOf(method.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(a => a.Name)).Count > 0)
            {
                yield return $"{type.FullName}.{method.Name}: a tier belongs on the fixture, so that the tiers split the suite";
            }
        }
    }

    private static List<string> TiersOf(IEnumerable<string> categories) =>
        [.. categories.Select(c => c.Trim()).Where(Tiers.Contains).Distinct()];

    // The examples are abstract, so NUnit never runs them and the assembly scan skips them.
    private abstract class UncategorisedExample
    {
        [Test]
        public void Test() => Assert.Pass();
    }

    [Category(TestCategories.Unit)]
    [Category(TestCategories.Functional)]
    private abstract class TwoTierExample
    {
        [Test]
        public void Test() => Assert.Pass();
    }

    [TestFixture(1, Category = TestCategories.Functional)]
    [TestFixture(2)]
    private abstract class HalfCategorisedExample
    {
        [Test]
        public void Test() => Assert.Pass();
    }

    [Category(TestCategories.Unit)]
    private abstract class MethodTierExample
    {
        [Test]
        [Category(TestCategories.Node)]
        public void Method() => Assert.Pass();
    }
}

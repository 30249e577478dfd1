using System.Text.RegularExpressions;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>
/// The hot writes bind their values by a list of names resolved per statement, and a name missing from the list would
/// silently stay NULL: every parameter of each statement must be in its list.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed partial class SqliteRowParametersTests
{
    private static IEnumerable<TestCaseData> Statements()
    {
        yield return new TestCaseData(SqliteCallQueries.InsertCall, SqliteRowParameters.CallNames).SetName(nameof(SqliteCallQueries.InsertCall));
        yield return new TestCaseData(SqliteCallQueries.UpdateTransition, SqliteRowParameters.CallNames).SetName(nameof(SqliteCallQueries.UpdateTransition));
        yield return new TestCaseData(SqliteCallQueries.UpdateCall, SqliteRowParameters.CallNames).SetName(nameof(SqliteCallQueries.UpdateCall));
        yield return new TestCaseData(SqliteCallQueries.StoredCallMatches, SqliteRowParameters.CallNames).SetName(nameof(SqliteCallQueries.StoredCallMatches));
        yield return new TestCaseData(SqliteCallQueries.InsertLedger, SqliteRowParameters.LedgerNames).SetName(nameof(SqliteCallQueries.InsertLedger));
        yield return new TestCaseData(SqliteCallQueries.PatchUser, SqliteRowParameters.PatchNames).SetName(nameof(SqliteCallQueries.PatchUser));
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [TestCaseSource(nameof(Statements))]
    public void Every_parameter_of_the_statement_has_a_value(string sql, string[] names)
    {
        var parameters = Parameter().Matches(sql).Select(match => match.Value).Distinct().ToList();

        Assert.That(parameters, Is.Not.Empty);
        Assert.That(parameters, Is.SubsetOf(names));
    }

    [Test]
    public void The_name_lists_have_no_duplicates()
    {
        Assert.That(SqliteRowParameters.CallNames, Is.Unique);
        Assert.That(SqliteRowParameters.LedgerNames, Is.Unique);
        Assert.That(SqliteRowParameters.PatchNames, Is.Unique);
    }

    [Test]
    public void A_call_insert_binds_no_expected_version_and_an_update_binds_it()
    {
        var call = Toki.Server.Tests.Storage.StoreTestData.Call("c1", "a", "b");
        var expected = Array.IndexOf(SqliteRowParameters.CallNames, "@expectedVersion");

        Assert.That(SqliteRowParameters.Call(call, null)[expected].IsNull, Is.True);
        Assert.That(SqliteRowParameters.Call(call, 7)[expected], Is.EqualTo(SqliteValue.Of(7)));
    }
}

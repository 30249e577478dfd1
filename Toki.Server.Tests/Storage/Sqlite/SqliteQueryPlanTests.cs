using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>Every statement of the store finds its rows through an index: none scans a whole table.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
internal sealed partial class SqliteQueryPlanTests
{
    private static IEnumerable<TestCaseData> Statements() =>
        typeof(SqliteCallQueries).GetFields()
            .Where(field => field.IsLiteral)
            .Select(field => (field.Name, Sql: (string)field.GetRawConstantValue()!))
            .Where(statement => statement.Sql.StartsWith("SELECT ", StringComparison.Ordinal) || statement.Sql.StartsWith("UPDATE ", StringComparison.Ordinal))
            .Select(statement => new TestCaseData(statement.Sql).SetName(statement.Name));

    // A walk of a whole live-call partial index is not a table scan: it holds the live calls only (at most one per user).
    [GeneratedRegex(@"\bSCAN (TABLE )?(calls|users|transactions)\b(?! USING INDEX ix_calls_live_(caller|callee)\b)")]
    private static partial Regex TableScan();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    /// <summary>
    /// Every statement but the fragments, the restart's scan of the live calls and the history pages and operator
    /// listings that sort (a merge of two index walks, or the live calls): those run once per start or per HTTP
    /// request, not per call action.
    /// </summary>
    private static IEnumerable<TestCaseData> ActionStatements() =>
        typeof(SqliteCallQueries).GetFields()
            .Where(field => field.IsLiteral && field.Name is not (nameof(SqliteCallQueries.IsLive) or nameof(SqliteCallQueries.CallColumns)
                or nameof(SqliteCallQueries.UserColumns) or nameof(SqliteCallQueries.LedgerColumns)
                or nameof(SqliteCallQueries.GetLiveCalls) or nameof(SqliteCallQueries.History)
                or nameof(SqliteCallQueries.ListLiveCalls) or nameof(SqliteCallQueries.HistoryByStatus) or nameof(SqliteCallQueries.HistoryLive)))
            .Select(field => new TestCaseData((string)field.GetRawConstantValue()!).SetName(field.Name));

    [TestCaseSource(nameof(Statements))]
    public void The_statement_uses_an_index(string sql)
    {
        var plan = Explain("EXPLAIN QUERY PLAN ", sql, column: 3);

        Assert.That(plan, Is.Not.Empty);
        Assert.That(plan.Where(line => TableScan().IsMatch(line)), Is.Empty, string.Join("\n", plan));
    }

    /// <summary>
    /// A temporary table costs an allocation of its own page cache each time the statement runs (the live-call
    /// predicate as an IN list did that six times per call update, through the partial indexes).
    /// </summary>
    [TestCaseSource(nameof(ActionStatements))]
    public void The_statement_builds_no_temporary_table(string sql)
    {
        var program = Explain("EXPLAIN ", sql, column: 1);

        Assert.That(program, Is.Not.Empty);
        Assert.That(program, Has.None.EqualTo("OpenEphemeral").And.None.EqualTo("OpenAutoindex"));
    }

    /// <summary>
    /// A transition's update rewrites the entries of the indexes over what it sets: the two live-call partial
    /// indexes and the status listing (their condition or key reads the status) and the deadline index. The four over
    /// the identity (primary key, both histories, creation order) are left alone; rewriting them too was nine
    /// index entries, and the WAL pages under them, per commit. (Until schema version 6 a third live index, on the
    /// status alone, made it five.)
    /// </summary>
    [Test]
    public void The_compare_and_set_rewrites_only_the_four_indexes_over_what_a_transition_changes()
    {
        var program = Explain("EXPLAIN ", SqliteCallQueries.UpdateTransition, column: 1);

        Assert.That(program.Count(opcode => opcode == "IdxInsert"), Is.EqualTo(4), string.Join(" ", program));
    }

    private static List<string> Explain(string explain, string sql, int column)
    {
        using var directory = new SqliteTestDirectory();
        using (SqliteCallStore.Open(directory.DatabasePath, 5))
        {
        }
        using var connection = new SqliteConnection($"Data Source={directory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = explain + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, "x");
        }

        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(column));
        }
        return rows;
    }
}

using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>Every statement of the store finds its rows through an index: none scans a whole table.</summary>
[TestFixture]
internal sealed partial class SqliteQueryPlanTests
{
    private static IEnumerable<TestCaseData> Statements() =>
        typeof(SqliteCallQueries).GetFields()
            .Where(field => field.IsLiteral)
            .Select(field => (field.Name, Sql: (string)field.GetRawConstantValue()!))
            .Where(statement => statement.Sql.StartsWith("SELECT ", StringComparison.Ordinal) || statement.Sql.StartsWith("UPDATE ", StringComparison.Ordinal))
            .Select(statement => new TestCaseData(statement.Sql).SetName(statement.Name));

    [GeneratedRegex(@"\bSCAN (TABLE )?(calls|users|transactions)\b")]
    private static partial Regex TableScan();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [TestCaseSource(nameof(Statements))]
    public void The_statement_uses_an_index(string sql)
    {
        using var directory = new SqliteTestDirectory();
        using (SqliteCallStore.Open(directory.DatabasePath, 5))
        {
        }
        using var connection = new SqliteConnection($"Data Source={directory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, "x");
        }

        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.That(plan, Is.Not.Empty);
        Assert.That(plan.Where(line => TableScan().IsMatch(line)), Is.Empty, string.Join("\n", plan));
    }
}

using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Toki.Server.Storage.Sqlite;

namespace Toki.Server.Tests.Storage.Sqlite;

/// <summary>The store's raw prepared statements: bound by index, reset after every run (also a failed one), finalized on dispose.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class SqliteRawStatementTests
{
    private static readonly string[] Names = ["@id", "@name", "@coins", "@absent"];
    private SqliteConnection _connection = null!;

    [SetUp]
    public void Open()
    {
        SQLitePCL.Batteries_V2.Init();
        _connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, coins INTEGER NOT NULL DEFAULT 0);";
        create.ExecuteNonQuery();
    }

    [TearDown]
    public void Close() => _connection.Dispose();

    [Test]
    public void Values_bound_by_name_list_reach_their_columns_and_names_the_statement_lacks_are_skipped()
    {
        using var insert = SqliteRawStatement.Prepare(_connection, "INSERT INTO t (id, name, coins) VALUES (@id, @name, @coins);");

        Assert.That(insert.Execute(Row("a", "Ann", 7)), Is.EqualTo(1));
        Assert.That(insert.Execute(Row("b", "", 0)), Is.EqualTo(1));
        Assert.That(insert.Execute(Row("c", null, -3)), Is.EqualTo(1));

        Assert.That(Select("a"), Is.EqualTo(("Ann", 7L)));
        Assert.That(Select("b"), Is.EqualTo(("", 0L)), "an empty string stays text, not NULL");
        Assert.That(Select("c"), Is.EqualTo(((string?)null, -3L)));
    }

    [TestCase("Zoë")]
    [TestCase("日本語の名前")]
    [TestCase("🎉 party \u0000 after a NUL")]
    [TestCase("\"quoted\", 'single', [\"json\"]")]
    public void Text_comes_back_exactly_as_bound(string name)
    {
        using var insert = SqliteRawStatement.Prepare(_connection, "INSERT INTO t (id, name, coins) VALUES (@id, @name, @coins);");
        using var byName = SqliteRawStatement.Prepare(_connection, "SELECT coins FROM t WHERE name = @name;");

        insert.Execute(Row("a", name, 5));
        byName.Bind(byName.ParameterIndex("@name"), SqliteValue.Of(name));

        Assert.That(Select("a"), Is.EqualTo((name, 5L)));
        Assert.That(byName.QueryInt64(), Is.EqualTo(5), "a bound value compares equal to the stored text");
    }

    [Test]
    public void Text_longer_than_the_stack_buffer_is_bound_whole()
    {
        using var insert = SqliteRawStatement.Prepare(_connection, "INSERT INTO t (id, name, coins) VALUES (@id, @name, @coins);");
        var name = string.Concat(Enumerable.Repeat("ünïcödé-", 2_000));

        insert.Execute(Row("long", name, 1));

        Assert.That(Select("long"), Is.EqualTo((name, 1L)));
    }

    [Test]
    public void Execute_returns_the_rows_changed_and_query_returns_null_without_a_row()
    {
        using var insert = SqliteRawStatement.Prepare(_connection, "INSERT INTO t (id, coins) VALUES (@id, @coins);");
        using var update = SqliteRawStatement.Prepare(_connection, "UPDATE t SET coins = coins + @coins WHERE id = @id;");
        using var coins = SqliteRawStatement.Prepare(_connection, "SELECT coins FROM t WHERE id = @id;");
        insert.Execute(Row("a", null, 1));

        Assert.That(update.Execute(Row("a", null, 10)), Is.EqualTo(1));
        Assert.That(update.Execute(Row("missing", null, 10)), Is.EqualTo(0));
        coins.Bind(coins.ParameterIndex("@id"), SqliteValue.Of("a"));
        Assert.That(coins.QueryInt64(), Is.EqualTo(11));
        coins.Bind(coins.ParameterIndex("@id"), SqliteValue.Of("missing"));
        Assert.That(coins.QueryInt64(), Is.Null);
        Assert.That(coins.ParameterIndex("@nope"), Is.Zero);
    }

    [Test]
    public void A_failed_step_throws_the_sqlite_error_and_leaves_the_statement_reset_and_unbound()
    {
        using var insert = SqliteRawStatement.Prepare(_connection, "INSERT INTO t (id, name, coins) VALUES (@id, @name, @coins);");
        insert.Execute(Row("a", "Ann", 1));

        var error = Assert.Throws<SqliteException>(() => insert.Execute(Row("a", "again", 2)))!;
        Assert.That(error.SqliteErrorCode, Is.EqualTo(SQLitePCL.raw.SQLITE_CONSTRAINT));

        // Reusable at once, and the failed run's values are not left bound: coins has a NOT NULL default, an unbound
        // @coins would be NULL and fail, so bind only the id and name and let a NULL coins fail loudly if kept.
        Assert.That(insert.Execute(Row("b", "Bo", 2)), Is.EqualTo(1));
        insert.Bind(insert.ParameterIndex("@id"), SqliteValue.Of("c"));
        Assert.Throws<SqliteException>(() => insert.Execute(), "@coins was cleared after the last run, so it is NULL");
        Assert.That(Select("b"), Is.EqualTo(("Bo", 2L)));
    }

    [Test]
    public void A_disposed_statement_is_finalized_and_refuses_to_run()
    {
        var statement = SqliteRawStatement.Prepare(_connection, "SELECT 1;");
        Assert.That(statement.QueryInt64(), Is.EqualTo(1));

        statement.Dispose();
        statement.Dispose();

        Assert.Throws<ObjectDisposedException>(() => statement.QueryInt64());
        Assert.That(SQLitePCL.raw.sqlite3_next_stmt(_connection.Handle, null), Is.Null, "no statement is left on the connection");
    }

    [Test]
    public void A_session_finalizes_its_raw_statements_before_its_pooled_connection_goes_back_to_the_pool()
    {
        using var directory = new SqliteTestDirectory();
        var connectionString = $"Data Source={directory.DatabasePath};Pooling=True";
        var session = new SqliteSession(new SqliteConnection(connectionString));
        session.Connection.Open();
        var handle = session.Connection.Handle;
        Assert.That(session.Statement("SELECT 1;").QueryInt64(), Is.EqualTo(1));
        Assert.That(session.Statement("SELECT 1;"), Is.SameAs(session.Statement("SELECT 1;")), "prepared once per session");

        session.Dispose();

        using var reused = new SqliteConnection(connectionString);
        reused.Open();
        Assert.That(reused.Handle, Is.SameAs(handle), "the pool hands the same SQLite connection out again");
        // With a statement left, SQLitePCL's sqlite3_next_stmt throws instead (its statement tracking is off): a failure too.
        Assert.That(SQLitePCL.raw.sqlite3_next_stmt(reused.Handle, null), Is.Null, "no statement of the session is left on it");
    }

    [Test]
    public void Sql_that_does_not_prepare_throws_the_sqlite_error()
    {
        var error = Assert.Throws<SqliteException>(() => SqliteRawStatement.Prepare(_connection, "SELECT nope FROM nowhere;"))!;
        Assert.That(error.Message, Does.Contain("nowhere"));
    }

    private static SqliteParameterValues Row(string id, string? name, long coins)
    {
        var row = new SqliteParameterValues(Names);
        row[0] = SqliteValue.Of(id);
        row[1] = SqliteValue.Of(name);
        row[2] = SqliteValue.Of(coins);
        row[3] = SqliteValue.Of("never bound");
        return row;
    }

    private (string? Name, long Coins) Select(string id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name, coins FROM t WHERE id = @id;";
        command.Parameters.AddWithValue("@id", id);
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True, id);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
    }
}

using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using static Toki.Server.Tests.Storage.Mongo.TestBson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Sessions and transactions against a real replica set (see <see cref="MongoServerTestBase"/>).</summary>
internal sealed class MongoServerTransactionTests : MongoServerTestBase
{
    [Test]
    public void A_committed_transaction_is_visible_and_a_failed_one_is_not()
    {
        var calls = Collection();
        calls.InsertOne(Doc(b => b.Add("_id", "existing")));

        var committed = Connection.WithTransaction(session =>
        {
            calls.InsertOne(Doc(b => b.Add("_id", "t1")), session);
            calls.InsertOne(Doc(b => b.Add("_id", "t2")), session);
            return calls.Find(BsonDocument.Empty, session: session).Count;
        });
        Assert.That(
            () => Connection.WithTransaction<int>(session =>
            {
                calls.InsertOne(Doc(b => b.Add("_id", "t3")), session);
                throw new InvalidOperationException("body failed");
            }),
            Throws.InvalidOperationException.With.Message.EqualTo("body failed"));

        Assert.Multiple(() =>
        {
            Assert.That(committed, Is.EqualTo(3));
            Assert.That(calls.Find(BsonDocument.Empty).Select(d => d.GetString("_id")), Is.EquivalentTo(new[] { "existing", "t1", "t2" }));
        });
    }

    [Test]
    public void Explicit_abort_discards_and_explicit_commit_keeps()
    {
        var calls = Collection();
        calls.InsertOne(Doc(b => b.Add("_id", "existing")));
        using var session = Connection.StartSession();

        session.StartTransaction();
        calls.InsertOne(Doc(b => b.Add("_id", "aborted")), session);
        session.AbortTransaction();
        session.StartTransaction();
        calls.InsertOne(Doc(b => b.Add("_id", "committed")), session);
        Assert.That(calls.FindOne(Doc(b => b.Add("_id", "committed"))), Is.Null, "not visible outside before commit");
        session.CommitTransaction();

        Assert.That(calls.Find(BsonDocument.Empty).Select(d => d.GetString("_id")), Is.EquivalentTo(new[] { "existing", "committed" }));
    }

    [Test]
    public void A_write_conflict_is_transient_and_labelled_and_WithTransaction_retries_it()
    {
        var counters = Collection();
        var filter = Doc(b => b.Add("_id", "x"));
        var increment = Doc(b => b.AddDocument("$inc", i => i.Add("v", 1)));
        counters.InsertOne(Doc(b => b.Add("_id", "x").Add("v", 0)));
        using var holder = Connection.StartSession();
        holder.StartTransaction();
        counters.UpdateOne(filter, increment, session: holder);

        var attempts = 0;
        MongoTransientException? conflict = null;
        Connection.WithTransaction(session =>
        {
            attempts++;
            if (attempts == 2)
            {
                holder.AbortTransaction();
            }

            try
            {
                return counters.UpdateOne(filter, increment, session: session);
            }
            catch (MongoTransientException e)
            {
                conflict = e;
                throw;
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(2));
            Assert.That(conflict!.HasLabel(MongoErrorLabels.TransientTransactionError), Is.True);
            Assert.That(counters.FindOne(filter)!.GetInt32("v"), Is.EqualTo(1));
        });
    }
}

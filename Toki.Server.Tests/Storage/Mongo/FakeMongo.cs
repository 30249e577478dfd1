using MongoDB.Bson;
using MongoDB.Driver;
using Toki.Server.Storage.Mongo;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// A scripted stand-in for the driver's interfaces (<see cref="IMongoClient"/>, database, collections, session), for
/// testing what the store sends and how it treats each answer without a server. Every operation is logged as
/// <c>name collection {filter} {document} [options] (txn)</c>; <see cref="Answer"/> gives its result (documents for a
/// find, a reply for a command, a result for a write, or a task still running), or throws as the driver would. A
/// transaction runs its body once, then commits unless the body aborted it; <see cref="CommitFailure"/> plays what the
/// driver's <c>WithTransactionAsync</c> throws once its own commit retries are spent. That retry loop itself is not
/// imitated here; the MongoDB tier runs it for real.
/// </summary>
internal sealed class FakeMongo
{
    public FakeMongo(string uri = "mongodb://db1:27017/?replicaSet=rs0")
    {
        Settings = MongoClientSettingsFactory.Create(new MongoStoreOptions { Uri = uri }, loggerFactory: null).Settings.FrozenCopy();
        Client = FakeMongoProxy.Create<IMongoClient>(this, "client");
    }

    public IMongoClient Client { get; }

    public MongoClientSettings Settings { get; }

    public List<string> Log { get; } = [];

    public Func<FakeOperation, object?> Answer { get; set; } = _ => null;

    public Exception? CommitFailure { get; set; }

    public TransactionOptions? TransactionOptions { get; internal set; }

    internal bool InTransaction { get; set; }

    internal bool Aborted { get; set; }

    /// <summary>Logs the operation and asks <see cref="Answer"/>; null means the default result.</summary>
    internal object? Run(FakeOperation operation)
    {
        lock (Log)
        {
            Log.Add(operation.ToString());
        }
        return Answer(operation);
    }

    internal void Note(string line)
    {
        lock (Log)
        {
            Log.Add(line);
        }
    }
}

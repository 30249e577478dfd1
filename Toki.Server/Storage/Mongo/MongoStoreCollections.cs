namespace Toki.Server.Storage.Mongo;

/// <summary>The collections of the store, named as in the call protocol contract.</summary>
internal static class MongoStoreCollections
{
    public const string Users = "users";

    public const string Calls = "videocalls";

    public const string Ledger = "transactions";
}

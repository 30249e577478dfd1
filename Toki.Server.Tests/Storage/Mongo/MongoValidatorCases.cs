using MongoDB.Bson;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// Users as a MERN backend leaves them in a shared <c>users</c> collection, before and after Toki's own writes to them
/// (<c>$inc</c> of Int64 deltas: an Int32 balance becomes Int64, a double stays a double, a missing one is created as
/// Int64), each with the record the store reads from it. mongo-init's validator must accept every one of them.
/// </summary>
internal static class MongoValidatorCases
{
    public sealed record MernUser(string Name, BsonDocument Document, UserRecord Read);

    private static readonly ObjectId AliceId = ObjectId.Parse("65f0c0ffee0000000000abcd");

    private static BsonDocument Mongoose(BsonDocument fields) => new BsonDocument
    {
        { "_id", AliceId },
        { "username", "alice" },
        { "email", "alice@example.com" },
        { "password", "$2b$10$abcdefghijklmnopqrstuv" },
        { "createdAt", new BsonDateTime(1_700_000_000_000) },
        { "__v", 0 },
    }.AddRange(fields);

    public static IEnumerable<MernUser> MernUsers()
    {
        const string Hex = "65f0c0ffee0000000000abcd";
        yield return new("a MERN user: an ObjectId id, a username, int32 coins and none of Toki's other fields",
            Mongoose(new BsonDocument("coins", 120)),
            new UserRecord { Id = Hex, Name = "alice", Coins = 120 });
        yield return new("the same user once Toki held 50 coins: the $inc made the balances Int64",
            Mongoose(new BsonDocument
            {
                { "coins", 70L }, { "heldCoins", 50L }, { "earnings", 0L }, { "isOnCall", true }, { "currentCallId", "c1" },
            }),
            new UserRecord { Id = Hex, Name = "alice", Coins = 70, HeldCoins = 50, IsOnCall = true, CurrentCallId = "c1" });
        yield return new("balances the Node driver wrote as doubles and int32, on a call",
            new BsonDocument
            {
                { "_id", "bob" }, { "name", "Bob" }, { "coins", 500.0 }, { "heldCoins", 50 }, { "earnings", 3_000_000_000.0 },
                { "isOnCall", true }, { "currentCallId", "c1" },
            },
            new UserRecord { Id = "bob", Name = "Bob", Coins = 500, HeldCoins = 50, Earnings = 3_000_000_000, IsOnCall = true, CurrentCallId = "c1" });
        yield return new("the same user after Toki's settlement: a double stays a double under $inc",
            new BsonDocument
            {
                { "_id", "bob" }, { "name", "Bob" }, { "coins", 530.0 }, { "heldCoins", 0L }, { "earnings", 3_000_000_020.0 },
                { "isOnCall", false }, { "currentCallId", BsonNull.Value },
            },
            new UserRecord { Id = "bob", Name = "Bob", Coins = 530, Earnings = 3_000_000_020 });
        yield return new("a bare user: no coins, not on a call, named by its id",
            new BsonDocument("_id", "carol"),
            new UserRecord { Id = "carol", Name = "carol" });
        yield return new("Toki's fields present but null, a null name beside a username",
            Mongoose(new BsonDocument
            {
                { "name", BsonNull.Value }, { "coins", BsonNull.Value }, { "heldCoins", BsonNull.Value }, { "earnings", BsonNull.Value },
                { "isOnCall", BsonNull.Value }, { "currentCallId", BsonNull.Value },
            }),
            new UserRecord { Id = Hex, Name = "alice" });
        yield return new("a user whose coins an admin set through Toki: Int64",
            Mongoose(new BsonDocument("coins", 1_000L)),
            new UserRecord { Id = Hex, Name = "alice", Coins = 1_000 });
    }
}

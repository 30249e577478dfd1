using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>A user as a <c>users</c> document: balances as Int64, <c>currentCallId</c> null when idle.</summary>
internal static class MongoUserDocument
{
    public static BsonDocument ToDocument(UserRecord user) => new BsonDocumentBuilder()
        .Add("_id", user.Id)
        .Add("name", user.Name)
        .Add("coins", user.Coins)
        .Add("heldCoins", user.HeldCoins)
        .Add("earnings", user.Earnings)
        .Add("isOnCall", user.IsOnCall)
        .AddString("currentCallId", user.CurrentCallId)
        .Build();

    public static UserRecord FromDocument(BsonDocument document) => MongoDocumentValues.Read(document, MongoStoreCollections.Users, d => new UserRecord
    {
        Id = d.GetString("_id"),
        Name = d.GetString("name"),
        Coins = d.GetInt64("coins"),
        HeldCoins = d.GetInt64("heldCoins"),
        Earnings = d.GetInt64("earnings"),
        IsOnCall = d.GetBoolean("isOnCall"),
        CurrentCallId = d.GetNullableString("currentCallId"),
    });
}

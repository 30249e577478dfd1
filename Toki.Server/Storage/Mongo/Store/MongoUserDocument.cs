using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// A user as a <c>users</c> document. Toki writes balances as Int64 and <c>currentCallId</c> null when idle, but
/// it also reads the users a MERN backend already has in that collection: an ObjectId <c>_id</c> (the token's id
/// claim is its hex string), balances stored as int32 or as integral doubles (what the Node driver writes for a JS
/// number), missing Toki fields (no coins, not on a call) and a <c>username</c> instead of a <c>name</c>.
/// </summary>
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

    public static UserRecord FromDocument(BsonDocument document) => MongoDocumentValues.Read(document, MongoStoreCollections.Users, d =>
    {
        var id = d["_id"].Type == BsonType.ObjectId ? d.GetObjectId("_id").ToString() : d.GetString("_id");
        return new UserRecord
        {
            Id = id,
            Name = d.GetNullableString("name") ?? d.GetNullableString("username") ?? id,
            Coins = Balance(d, "coins"),
            HeldCoins = Balance(d, "heldCoins"),
            Earnings = Balance(d, "earnings"),
            IsOnCall = d.TryGetValue("isOnCall", out var onCall) && !onCall.IsNull && onCall.AsBoolean,
            CurrentCallId = d.GetNullableString("currentCallId"),
        };
    });

    /// <summary>A whole number of coins; a fraction cannot be represented and is refused rather than rounded.</summary>
    private static long Balance(BsonDocument document, string name)
    {
        if (!document.TryGetValue(name, out var value) || value.IsNull)
        {
            return 0;
        }
        if (value.Type != BsonType.Double)
        {
            return value.AsInt64;
        }
        var number = value.AsDouble;
        if (number != Math.Floor(number) || number < long.MinValue || number >= long.MaxValue)
        {
            throw new FormatException($"'{name}' is {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not a whole number of coins.");
        }
        return (long)number;
    }
}

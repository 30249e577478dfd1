using System.Globalization;
using MongoDB.Bson;
using Toki.Calls.Domain;
using static Toki.Server.Storage.Mongo.MongoBsonValues;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A user as a <c>users</c> document. Toki writes balances as Int64 and <c>currentCallId</c> null when idle, but it
/// also reads the users a MERN backend already has in that collection: an ObjectId <c>_id</c> (the token's id claim
/// is its hex string), balances stored as Int32 or as integral doubles (what the Node driver writes for a JS number),
/// missing or null Toki fields (no coins, not on a call) and a <c>username</c> instead of a <c>name</c>.
/// mongo-init's <c>users</c> validator accepts exactly these shapes.
/// </summary>
internal static class MongoUserDocument
{
    public static BsonDocument ToDocument(UserRecord user) => new()
    {
        { "_id", user.Id },
        { "name", user.Name },
        { "coins", new BsonInt64(user.Coins) },
        { "heldCoins", new BsonInt64(user.HeldCoins) },
        { "earnings", new BsonInt64(user.Earnings) },
        { "isOnCall", user.IsOnCall },
        { "currentCallId", TextOrNull(user.CurrentCallId) },
    };

    public static UserRecord FromDocument(BsonDocument document) => Read(document, MongoStoreCollections.Users, d =>
    {
        var idValue = Optional(d, "_id", BsonType.String, BsonType.ObjectId) ?? throw new FormatException("'_id' is missing.");
        var id = idValue.BsonType == BsonType.ObjectId ? idValue.AsObjectId.ToString() : idValue.AsString;
        return new UserRecord
        {
            Id = id,
            Name = d.GetNullableString("name") ?? d.GetNullableString("username") ?? id,
            Coins = Balance(d, "coins"),
            HeldCoins = Balance(d, "heldCoins"),
            Earnings = Balance(d, "earnings"),
            IsOnCall = Optional(d, "isOnCall", BsonType.Boolean)?.AsBoolean ?? false,
            CurrentCallId = d.GetNullableString("currentCallId"),
        };
    });

    /// <summary>A whole number of coins (0 when missing); a fraction cannot be represented and is refused rather than rounded.</summary>
    private static long Balance(BsonDocument document, string name)
    {
        var value = Optional(document, name, BsonType.Int64, BsonType.Int32, BsonType.Double);
        if (value is null || value.BsonType != BsonType.Double)
        {
            return value?.BsonType == BsonType.Int32 ? value.AsInt32 : value?.AsInt64 ?? 0;
        }
        var number = value.AsDouble;
        // 2^63 is exactly representable as a double, so ">=" excludes everything beyond long.MaxValue.
        if (number != Math.Floor(number) || number < long.MinValue || number >= 9223372036854775808.0)
        {
            throw new FormatException($"'{name}' is {number.ToString(CultureInfo.InvariantCulture)}, not a whole number of coins.");
        }
        return (long)number;
    }
}

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>A BSON internal timestamp (0x11) as the server sends it in replies, e.g. <c>operationTime</c>.</summary>
internal readonly record struct BsonTimestamp(uint Seconds, uint Increment);

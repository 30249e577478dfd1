namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>The bytes are not well-formed BSON.</summary>
internal sealed class BsonFormatException(string message) : FormatException(message);

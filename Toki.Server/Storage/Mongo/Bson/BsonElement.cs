namespace Toki.Server.Storage.Mongo.Bson;

internal readonly record struct BsonElement(string Name, BsonValue Value);

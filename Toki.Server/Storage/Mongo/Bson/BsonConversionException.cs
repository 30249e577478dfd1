namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// A typed read asked for a type the stored value does not have, or for a conversion that would lose information
/// (for example an Int64 that does not fit an Int32, or a date outside the range of <see cref="DateTimeOffset"/>).
/// </summary>
internal sealed class BsonConversionException(string message) : InvalidCastException(message);

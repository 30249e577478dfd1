using System.Globalization;
using MongoDB.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// How record values become BSON and back, by hand rather than through the driver's serializers: instants as BSON dates
/// (UTC milliseconds; finer ticks dropped), 64-bit numbers as Int64, absent optional values as BSON null. Reads check
/// each field's type and throw <see cref="FormatException"/> naming the field; <see cref="Read{T}"/> turns that into
/// an error naming the document.
/// </summary>
internal static class MongoBsonValues
{
    public static BsonDateTime Date(DateTimeOffset value) => new(value.ToUnixTimeMilliseconds());

    public static BsonValue Date(DateTimeOffset? value) => value is { } instant ? Date(instant) : BsonNull.Value;

    public static BsonValue TextOrNull(string? value) => value is null ? BsonNull.Value : new BsonString(value);

    public static BsonArray Strings(IEnumerable<string> values) => new(values.Select(value => new BsonString(value)));

    public static string GetString(this BsonDocument document, string name) => Required(document, name, BsonType.String).AsString;

    public static string? GetNullableString(this BsonDocument document, string name) =>
        Optional(document, name, BsonType.String)?.AsString;

    /// <summary>An Int32, or an Int64 that fits.</summary>
    public static int GetInt32(this BsonDocument document, string name)
    {
        var value = Required(document, name, BsonType.Int32, BsonType.Int64);
        return value.BsonType == BsonType.Int32 ? value.AsInt32
            : value.AsInt64 is >= int.MinValue and <= int.MaxValue ? (int)value.AsInt64
            : throw new FormatException($"'{name}' is {value.AsInt64.ToString(CultureInfo.InvariantCulture)}, beyond Int32.");
    }

    /// <summary>An Int64, or an Int32.</summary>
    public static long GetInt64(this BsonDocument document, string name)
    {
        var value = Required(document, name, BsonType.Int64, BsonType.Int32);
        return value.BsonType == BsonType.Int64 ? value.AsInt64 : value.AsInt32;
    }

    public static DateTimeOffset GetDate(this BsonDocument document, string name) => ToInstant(name, Required(document, name, BsonType.DateTime));

    /// <summary>A date, or null when the field holds null or is missing.</summary>
    public static DateTimeOffset? GetNullableDate(this BsonDocument document, string name) =>
        Optional(document, name, BsonType.DateTime) is { } value ? ToInstant(name, value) : null;

    public static IReadOnlyList<string> GetStrings(this BsonDocument document, string name) =>
        Required(document, name, BsonType.Array).AsBsonArray
            .Select((value, index) => value.BsonType == BsonType.String ? value.AsString
                : throw new FormatException($"'{name}[{index.ToString(CultureInfo.InvariantCulture)}]' is {value.BsonType}, not String."))
            .ToArray();

    public static IReadOnlyDictionary<string, DateTimeOffset> GetDates(this BsonDocument document, string name) =>
        Required(document, name, BsonType.Document).AsBsonDocument.Elements
            .ToDictionary(element => element.Name, element => element.Value.BsonType == BsonType.DateTime
                ? ToInstant($"{name}.{element.Name}", element.Value)
                : throw new FormatException($"'{name}.{element.Name}' is {element.Value.BsonType}, not DateTime."));

    /// <summary>The field's value of one of <paramref name="types"/>; null when it is missing or holds null.</summary>
    public static BsonValue? Optional(BsonDocument document, string name, params BsonType[] types)
    {
        if (!document.TryGetValue(name, out var value) || value.IsBsonNull)
        {
            return null;
        }
        return types.Contains(value.BsonType) ? value : throw new FormatException($"'{name}' is {value.BsonType}, not {string.Join(" or ", types)}.");
    }

    /// <summary>
    /// Maps a stored document, turning a missing field or an unexpected type into an error that names the collection
    /// and the document (a hand edit in mongosh is the usual cause).
    /// </summary>
    public static T Read<T>(BsonDocument document, string collection, Func<BsonDocument, T> map)
    {
        try
        {
            return map(document);
        }
        catch (FormatException exception)
        {
            var id = document.TryGetValue("_id", out var value) && value.BsonType is BsonType.String or BsonType.ObjectId ? value.ToString() : "?";
            throw new InvalidDataException($"The {collection} document '{id}' is not shaped as the store writes it: {exception.Message}", exception);
        }
    }

    private static BsonValue Required(BsonDocument document, string name, params BsonType[] types) =>
        Optional(document, name, types) ?? throw new FormatException(document.Contains(name) ? $"'{name}' is null." : $"'{name}' is missing.");

    private static DateTimeOffset ToInstant(string name, BsonValue value)
    {
        var milliseconds = value.AsBsonDateTime.MillisecondsSinceEpoch;
        return milliseconds is >= -62135596800000 and <= 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw new FormatException($"'{name}' is {milliseconds.ToString(CultureInfo.InvariantCulture)} ms from the epoch, outside the years 1 to 9999.");
    }
}

using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// How record values become BSON: instants as BSON dates truncated to the millisecond (what a BSON date holds),
/// absent optional values as BSON null, enums as their lowercase wire strings.
/// </summary>
internal static class MongoDocumentValues
{
    public static BsonDocumentBuilder AddDate(this BsonDocumentBuilder builder, string name, DateTimeOffset value) =>
        builder.Add(name, BsonDateTime.TruncateToMilliseconds(value));

    public static BsonDocumentBuilder AddDate(this BsonDocumentBuilder builder, string name, DateTimeOffset? value) =>
        value is { } instant ? builder.AddDate(name, instant) : builder.AddNull(name);

    public static BsonDocumentBuilder AddString(this BsonDocumentBuilder builder, string name, string? value) =>
        value is null ? builder.AddNull(name) : builder.Add(name, value);

    public static BsonDocumentBuilder AddStrings(this BsonDocumentBuilder builder, string name, IEnumerable<string> values) =>
        builder.AddArray(name, array =>
        {
            foreach (var value in values)
            {
                array.Add(value);
            }
        });

    /// <summary>A date, or null when the field holds null or is missing.</summary>
    public static DateTimeOffset? GetNullableDate(this BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && !value.IsNull ? value.AsDateTime : null;

    public static string? GetNullableString(this BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && !value.IsNull ? value.AsString : null;

    public static IReadOnlyList<string> GetStrings(this BsonDocument document, string name) =>
        document.GetArray(name).Select(value => value.AsString).ToArray();

    public static string TypeToWire(CallType type) => type switch
    {
        CallType.Audio => "audio",
        CallType.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static CallType ParseType(string value) => value switch
    {
        "audio" => CallType.Audio,
        "video" => CallType.Video,
        _ => throw new FormatException($"Unknown call type '{value}'."),
    };

    public static string KindToWire(LedgerKind kind) => kind switch
    {
        LedgerKind.Hold => "hold",
        LedgerKind.Release => "release",
        LedgerKind.Charge => "charge",
        LedgerKind.Earn => "earn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LedgerKind ParseKind(string value) => value switch
    {
        "hold" => LedgerKind.Hold,
        "release" => LedgerKind.Release,
        "charge" => LedgerKind.Charge,
        "earn" => LedgerKind.Earn,
        _ => throw new FormatException($"Unknown ledger kind '{value}'."),
    };

    /// <summary>
    /// Maps a stored document, turning a missing field or an unexpected type into an error that names the
    /// collection and the document (a hand edit in mongosh is the usual cause).
    /// </summary>
    public static T Read<T>(BsonDocument document, string collection, Func<BsonDocument, T> map)
    {
        try
        {
            return map(document);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or BsonConversionException or FormatException)
        {
            var id = !document.TryGetValue("_id", out var value) ? "?"
                : value.Type == BsonType.ObjectId ? value.AsObjectId.ToString()
                : value.Type == BsonType.String ? value.AsString : "?";
            throw new InvalidDataException(
                $"The {collection} document '{id}' is not shaped as the store writes it: {exception.Message}", exception);
        }
    }
}

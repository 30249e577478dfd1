using System.Text.Json;
using MongoDB.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// The part of MongoDB's <c>$jsonSchema</c> that mongo-init's validators use, applied as the server applies it:
/// bsonType (one alias or a list), enum, required, properties and additionalProperties (false, or a schema for every
/// unlisted field) on documents, items, minItems and maxItems on arrays. Any other keyword throws, so the validators
/// cannot use one that these tests would silently skip.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly Dictionary<string, Func<BsonType, bool>> Aliases = new()
    {
        ["double"] = type => type == BsonType.Double,
        ["string"] = type => type == BsonType.String,
        ["object"] = type => type == BsonType.Document,
        ["array"] = type => type == BsonType.Array,
        ["objectId"] = type => type == BsonType.ObjectId,
        ["bool"] = type => type == BsonType.Boolean,
        ["date"] = type => type == BsonType.DateTime,
        ["null"] = type => type == BsonType.Null,
        ["int"] = type => type == BsonType.Int32,
        ["long"] = type => type == BsonType.Int64,
        ["decimal"] = type => type == BsonType.Decimal128,
        ["number"] = type => type is BsonType.Double or BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128,
    };

    private static readonly HashSet<string> Keywords =
        ["bsonType", "enum", "required", "properties", "additionalProperties", "items", "minItems", "maxItems", "description"];

    /// <summary>Every violation, each as "path: what is wrong"; empty when the document passes.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, BsonDocument document)
    {
        var errors = new List<string>();
        Validate(schema, document, "$", errors);
        return errors;
    }

    private static void Validate(JsonElement schema, BsonValue value, string path, List<string> errors)
    {
        CheckKeywords(schema, path);
        CheckBsonType(schema, value.BsonType, path, errors);
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(candidate => EqualsJson(value, candidate)))
        {
            errors.Add($"{path}: {Describe(value)} is not one of {allowed.GetRawText()}");
        }
        if (value.BsonType == BsonType.Document)
        {
            ValidateDocument(schema, value.AsBsonDocument, path, errors);
        }
        else if (value.BsonType == BsonType.Array)
        {
            ValidateArray(schema, value.AsBsonArray, path, errors);
        }
    }

    private static void ValidateDocument(JsonElement schema, BsonDocument document, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            errors.AddRange(required.EnumerateArray().Select(name => name.GetString()!).Where(name => !document.Contains(name))
                .Select(name => $"{path}: the required field '{name}' is missing"));
        }
        var properties = schema.TryGetProperty("properties", out var listed) ? listed : default;
        foreach (var element in document)
        {
            var fieldPath = $"{path}.{element.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(element.Name, out var fieldSchema))
            {
                Validate(fieldSchema, element.Value, fieldPath, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{fieldPath}: the field is not allowed");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Validate(additional, element.Value, fieldPath, errors);
                }
            }
        }
    }

    private static void ValidateArray(JsonElement schema, BsonArray array, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minItems", out var min) && array.Count < min.GetInt32())
        {
            errors.Add($"{path}: {array.Count} items, fewer than {min.GetInt32()}");
        }
        if (schema.TryGetProperty("maxItems", out var max) && array.Count > max.GetInt32())
        {
            errors.Add($"{path}: {array.Count} items, more than {max.GetInt32()}");
        }
        if (schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(items, array[i], $"{path}[{i}]", errors);
            }
        }
    }

    private static void CheckBsonType(JsonElement schema, BsonType type, string path, List<string> errors)
    {
        if (!schema.TryGetProperty("bsonType", out var bsonType))
        {
            return;
        }
        var aliases = bsonType.ValueKind == JsonValueKind.Array ? bsonType.EnumerateArray().Select(a => a.GetString()!).ToList() : [bsonType.GetString()!];
        if (!aliases.Any(alias => Aliases.TryGetValue(alias, out var matches)
                ? matches(type)
                : throw new NotSupportedException($"{path}: the bsonType alias '{alias}' is not implemented here")))
        {
            errors.Add($"{path}: BSON {type} is not {string.Join(" or ", aliases)}");
        }
    }

    private static void CheckKeywords(JsonElement schema, string path)
    {
        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name).Where(name => !Keywords.Contains(name)))
        {
            throw new NotSupportedException($"{path}: the $jsonSchema keyword '{keyword}' is not implemented here");
        }
    }

    private static bool EqualsJson(BsonValue value, JsonElement candidate) => candidate.ValueKind switch
    {
        JsonValueKind.String => value.BsonType == BsonType.String && value.AsString == candidate.GetString(),
        JsonValueKind.True => value.BsonType == BsonType.Boolean && value.AsBoolean,
        JsonValueKind.False => value.BsonType == BsonType.Boolean && !value.AsBoolean,
        JsonValueKind.Null => value.BsonType == BsonType.Null,
        JsonValueKind.Number => value.IsNumeric && value.ToDouble() == candidate.GetDouble(),
        _ => throw new NotSupportedException($"enum values of kind {candidate.ValueKind} are not implemented here"),
    };

    private static string Describe(BsonValue value) => value.BsonType switch
    {
        BsonType.String => $"\"{value.AsString}\"",
        BsonType.Boolean => value.AsBoolean ? "true" : "false",
        _ => value.BsonType.ToString(),
    };
}

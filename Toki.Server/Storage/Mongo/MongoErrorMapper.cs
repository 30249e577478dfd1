using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// Turns a <c>bson_error_t</c> plus the failing call's reply into the typed exception. Order: duplicate key (11000),
/// document validation (121), then transient (by label via <c>mongoc_error_has_label</c>, or by domain and code),
/// then permanent.
/// </summary>
internal static class MongoErrorMapper
{
    private static readonly string[] TransientLabels = [MongoErrorLabels.RetryableWriteError, MongoErrorLabels.TransientTransactionError];

    public static MongoException FromNative(in BsonError error, BsonReplyHandle reply)
    {
        var added = false;
        reply.DangerousAddRef(ref added);
        try
        {
            return FromNative(error, reply.DangerousGetHandle());
        }
        finally
        {
            reply.DangerousRelease();
        }
    }

    /// <summary><paramref name="reply"/> is a borrowed <c>bson_t *</c> or zero when the call has none.</summary>
    public static MongoException FromNative(in BsonError error, nint reply)
    {
        BsonDocument? document = null;
        var transientByLabel = false;
        if (reply != IntPtr.Zero)
        {
            document = NativeBson.ToDocument(reply);
            document = document.Count == 0 ? null : document;
            transientByLabel = TransientLabels.Any(label => LibMongoc.ErrorHasLabel(reply, label));
        }

        return Create((MongoErrorDomain)error.Domain, error.Code, error.MessageText, ReadLabels(document), document, transientByLabel);
    }

    public static MongoException Create(
        MongoErrorDomain domain, uint code, string message, IReadOnlyList<string> labels, BsonDocument? reply, bool transientByLabel)
    {
        var fromServer = domain is MongoErrorDomain.Server or MongoErrorDomain.WriteConcern;
        if (fromServer && code == MongoErrorCodes.DuplicateKey)
        {
            var detail = FindErrorDetail(reply, code);
            var errmsg = TryGetString(detail, "errmsg") ?? message;
            return new MongoDuplicateKeyException(
                domain, code, message, labels, reply, ParseIndexName(errmsg) ?? ParseIndexName(message),
                TryGetDocument(detail, "keyPattern"), TryGetDocument(detail, "keyValue"));
        }

        if (fromServer && code == MongoErrorCodes.DocumentValidationFailure)
        {
            return new MongoDocumentValidationException(
                domain, code, message, labels, reply, TryGetDocument(FindErrorDetail(reply, code), "errInfo"));
        }

        return transientByLabel || IsTransient(domain, code)
            ? new MongoTransientException(domain, code, message, labels, reply)
            : new MongoPermanentException(domain, code, message, labels, reply);
    }

    public static bool IsTransient(MongoErrorDomain domain, uint code) => domain switch
    {
        MongoErrorDomain.Stream => true,
        MongoErrorDomain.ServerSelection => code != MongoErrorCodes.ServerSelectionBadWireVersion,
        MongoErrorDomain.Server or MongoErrorDomain.WriteConcern => MongoErrorCodes.TransientServerCodes.Contains(code),
        _ => false,
    };

    /// <summary>"E11000 duplicate key error collection: db.c index: name_1 dup key: { … }" → "name_1".</summary>
    public static string? ParseIndexName(string message)
    {
        const string Marker = " index: ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = message.IndexOf(' ', start);
        var name = end < 0 ? message[start..] : message[start..end];
        return name.Length == 0 ? null : name;
    }

    private static IReadOnlyList<string> ReadLabels(BsonDocument? reply)
    {
        if (reply is null || !reply.TryGetValue("errorLabels", out var value) || value.Type != BsonType.Array)
        {
            return [];
        }

        return value.AsArray.Where(label => label.Type == BsonType.String).Select(label => label.AsString).ToArray();
    }

    /// <summary>The write error with this code from a CRUD reply (<c>writeErrors</c>), or else the command reply itself.</summary>
    private static BsonDocument? FindErrorDetail(BsonDocument? reply, uint code)
    {
        if (reply is not null && reply.TryGetValue("writeErrors", out var writeErrors) && writeErrors.Type == BsonType.Array)
        {
            foreach (var writeError in writeErrors.AsArray)
            {
                if (writeError.Type == BsonType.Document
                    && writeError.AsDocument.TryGetValue("code", out var errorCode)
                    && errorCode.Type is BsonType.Int32 or BsonType.Int64
                    && errorCode.AsInt64 == code)
                {
                    return writeError.AsDocument;
                }
            }
        }

        return reply;
    }

    private static string? TryGetString(BsonDocument? document, string name) =>
        document is not null && document.TryGetValue(name, out var value) && value.Type == BsonType.String ? value.AsString : null;

    private static BsonDocument? TryGetDocument(BsonDocument? document, string name) =>
        document is not null && document.TryGetValue(name, out var value) && value.Type == BsonType.Document ? value.AsDocument : null;
}

using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Storage.Mongo;

/// <summary>The shapes every libmongoc operation shares: options with the session appended, and reply-or-throw.</summary>
internal static class MongoNativeCall
{
    public delegate bool WithReply(BsonReplyHandle reply, ref BsonError error);

    /// <summary>
    /// A new appendable <c>bson_t</c> holding <paramref name="opts"/>, plus <c>sessionId</c> via
    /// <c>mongoc_client_session_append</c> when the operation runs in a session.
    /// </summary>
    public static BsonHandle Options(BsonDocument? opts, ClientSessionHandle? session)
    {
        var handle = NativeBson.FromDocument(opts ?? BsonDocument.Empty);
        if (session is null)
        {
            return handle;
        }

        var error = default(BsonError);
        if (!LibMongocSession.Append(session, handle, ref error))
        {
            handle.Dispose();
            throw MongoErrorMapper.FromNative(error, IntPtr.Zero);
        }

        return handle;
    }

    /// <summary>Runs a call that fills a reply; returns the reply, or throws the mapped exception built from error and reply.</summary>
    public static BsonDocument Invoke(WithReply call)
    {
        using var reply = BsonReplyHandle.Create();
        var error = default(BsonError);
        if (!call(reply, ref error))
        {
            throw MongoErrorMapper.FromNative(error, reply);
        }

        return NativeBson.ToDocument(reply);
    }

    /// <summary>Copies each element of <paramref name="extra"/> into <paramref name="builder"/> unchanged.</summary>
    public static BsonDocumentBuilder AddAll(this BsonDocumentBuilder builder, BsonDocument? extra)
    {
        if (extra is not null)
        {
            foreach (var element in extra)
            {
                builder.Add(element.Name, element.Value);
            }
        }

        return builder;
    }
}

using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

internal static class TestBson
{
    public static BsonDocument Doc(Action<BsonDocumentBuilder> build)
    {
        var builder = new BsonDocumentBuilder();
        build(builder);
        return builder.Build();
    }
}

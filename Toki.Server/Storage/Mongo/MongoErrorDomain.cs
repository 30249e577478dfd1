namespace Toki.Server.Storage.Mongo;

/// <summary><c>mongoc_error_domain_t</c> (mongoc-error.h, 1.23). With error API 2, server codes come as <see cref="Server"/> or <see cref="WriteConcern"/>.</summary>
internal enum MongoErrorDomain : uint
{
    None = 0,
    Client = 1,
    Stream = 2,
    Protocol = 3,
    Cursor = 4,
    Query = 5,
    Insert = 6,
    Sasl = 7,
    Bson = 8,
    Matcher = 9,
    Namespace = 10,
    Command = 11,
    Collection = 12,
    GridFs = 13,
    Scram = 14,
    ServerSelection = 15,
    WriteConcern = 16,
    Server = 17,
    Transaction = 18,
    ClientSideEncryption = 19,
    Pool = 20,
}

using System.Text;
using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>bson_error_t plus reply → typed exception; labels are checked by libmongoc's own mongoc_error_has_label.</summary>
internal sealed class MongoErrorMapperTests
{
    private const string DuplicateMessage =
        "E11000 duplicate key error collection: toki.calls index: callId_1 dup key: { callId: \"c1\" }";

    private static IEnumerable<TestCaseData> Classification()
    {
        TestCaseData Case(string name, MongoErrorDomain domain, uint code, Type expected) =>
            new TestCaseData(domain, code, expected).SetArgDisplayNames(name);

        yield return Case("SocketError", MongoErrorDomain.Stream, 4, typeof(MongoTransientException));
        yield return Case("ConnectError", MongoErrorDomain.Stream, 5, typeof(MongoTransientException));
        yield return Case("NameResolution", MongoErrorDomain.Stream, 3, typeof(MongoTransientException));
        yield return Case("ServerSelectionFailure", MongoErrorDomain.ServerSelection, 13053, typeof(MongoTransientException));
        yield return Case("ServerSelectionBadWireVersion", MongoErrorDomain.ServerSelection, 13052, typeof(MongoPermanentException));
        yield return Case("NotWritablePrimary", MongoErrorDomain.Server, 10107, typeof(MongoTransientException));
        yield return Case("NotPrimaryOrSecondary", MongoErrorDomain.Server, 13436, typeof(MongoTransientException));
        yield return Case("PrimarySteppedDown", MongoErrorDomain.Server, 189, typeof(MongoTransientException));
        yield return Case("ShutdownInProgress", MongoErrorDomain.Server, 91, typeof(MongoTransientException));
        yield return Case("NetworkTimeout", MongoErrorDomain.Server, 89, typeof(MongoTransientException));
        yield return Case("MaxTimeMSExpired", MongoErrorDomain.Server, 50, typeof(MongoTransientException));
        yield return Case("WriteConflict", MongoErrorDomain.Server, 112, typeof(MongoTransientException));
        yield return Case("WriteConcernTimeout", MongoErrorDomain.WriteConcern, 64, typeof(MongoTransientException));
        yield return Case("UnsatisfiableWriteConcern", MongoErrorDomain.WriteConcern, 100, typeof(MongoPermanentException));
        yield return Case("BadValue", MongoErrorDomain.Server, 2, typeof(MongoPermanentException));
        yield return Case("Unauthorized", MongoErrorDomain.Server, 13, typeof(MongoPermanentException));
        yield return Case("AuthenticationFailure", MongoErrorDomain.Client, 11, typeof(MongoPermanentException));
        yield return Case("InvalidArgument", MongoErrorDomain.Command, 22, typeof(MongoPermanentException));
        yield return Case("TransactionInvalidState", MongoErrorDomain.Transaction, 53, typeof(MongoPermanentException));
        yield return Case("DuplicateKey", MongoErrorDomain.Server, 11000, typeof(MongoDuplicateKeyException));
        yield return Case("DocumentValidation", MongoErrorDomain.Server, 121, typeof(MongoDocumentValidationException));
    }

    [TestCaseSource(nameof(Classification))]
    public void Domain_and_code_decide_the_exception_type(MongoErrorDomain domain, uint code, Type expected)
    {
        var exception = MongoErrorMapper.FromNative(Error(domain, code, "the message"), IntPtr.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(exception, Is.TypeOf(expected));
            Assert.That(exception.Domain, Is.EqualTo(domain));
            Assert.That(exception.Code, Is.EqualTo(code));
            Assert.That(exception.Message, Is.EqualTo("the message"));
            Assert.That(exception.Reply, Is.Null);
        });
    }

    private static IEnumerable<TestCaseData> Labels()
    {
        TestCaseData Case(string name, uint code, string[] labels, Type expected) =>
            new TestCaseData(code, labels, expected).SetArgDisplayNames(name);

        yield return Case("TransientTransactionErrorMakesTransient", 2, [MongoErrorLabels.TransientTransactionError], typeof(MongoTransientException));
        yield return Case("RetryableWriteErrorMakesTransient", 2, [MongoErrorLabels.RetryableWriteError], typeof(MongoTransientException));
        yield return Case("OtherLabelsDoNot", 2, ["NoWritesPerformed", MongoErrorLabels.UnknownTransactionCommitResult], typeof(MongoPermanentException));
        yield return Case("DuplicateKeyWinsOverLabels", 11000, [MongoErrorLabels.TransientTransactionError], typeof(MongoDuplicateKeyException));
    }

    [TestCaseSource(nameof(Labels))]
    public void Error_labels_in_the_reply_are_kept_and_two_of_them_make_it_transient(uint code, string[] labels, Type expected)
    {
        var reply = new BsonDocumentBuilder()
            .Add("ok", 0.0)
            .AddArray("errorLabels", array =>
            {
                foreach (var label in labels)
                {
                    array.Add(label);
                }
            })
            .Build();

        var exception = Map(Error(MongoErrorDomain.Server, code, "failed"), reply);

        Assert.Multiple(() =>
        {
            Assert.That(exception, Is.TypeOf(expected));
            Assert.That(exception.Labels, Is.EqualTo(labels));
            Assert.That(labels.All(exception.HasLabel), Is.True);
            Assert.That(exception.Reply!.ToArray(), Is.EqualTo(reply.ToArray()));
        });
    }

    [Test]
    public void A_duplicate_key_write_error_exposes_index_key_pattern_and_key_value()
    {
        var reply = new BsonDocumentBuilder()
            .Add("insertedCount", 0)
            .AddArray("writeErrors", errors => errors.AddDocument(e => e
                .Add("index", 0)
                .Add("code", 11000)
                .Add("errmsg", DuplicateMessage)
                .AddDocument("keyPattern", k => k.Add("callId", 1))
                .AddDocument("keyValue", k => k.Add("callId", "c1"))))
            .Build();

        var exception = (MongoDuplicateKeyException)Map(Error(MongoErrorDomain.Server, 11000, DuplicateMessage), reply);

        Assert.Multiple(() =>
        {
            Assert.That(exception.IndexName, Is.EqualTo("callId_1"));
            Assert.That(exception.KeyPattern!.GetInt32("callId"), Is.EqualTo(1));
            Assert.That(exception.KeyValue!.GetString("callId"), Is.EqualTo("c1"));
            Assert.That(exception.Message, Is.EqualTo(DuplicateMessage));
        });
    }

    [Test]
    public void A_duplicate_key_command_reply_exposes_index_and_key_value()
    {
        const string Message = "E11000 duplicate key error collection: toki.calls index: _id_ dup key: { _id: 5 }";
        var reply = new BsonDocumentBuilder()
            .Add("ok", 0.0)
            .Add("errmsg", Message)
            .Add("code", 11000)
            .Add("codeName", "DuplicateKey")
            .AddDocument("keyPattern", k => k.Add("_id", 1))
            .AddDocument("keyValue", k => k.Add("_id", 5))
            .Build();

        var exception = (MongoDuplicateKeyException)Map(Error(MongoErrorDomain.Server, 11000, Message), reply);

        Assert.Multiple(() =>
        {
            Assert.That(exception.IndexName, Is.EqualTo("_id_"));
            Assert.That(exception.KeyValue!.GetInt32("_id"), Is.EqualTo(5));
        });
    }

    [Test]
    public void A_duplicate_key_without_reply_still_names_the_index_from_the_message()
    {
        var exception = (MongoDuplicateKeyException)MongoErrorMapper.FromNative(Error(MongoErrorDomain.Server, 11000, DuplicateMessage), IntPtr.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(exception.IndexName, Is.EqualTo("callId_1"));
            Assert.That(exception.KeyPattern, Is.Null);
            Assert.That(exception.KeyValue, Is.Null);
        });
    }

    [Test]
    public void A_validation_failure_exposes_the_servers_errInfo()
    {
        var reply = new BsonDocumentBuilder()
            .AddArray("writeErrors", errors => errors.AddDocument(e => e
                .Add("index", 0)
                .Add("code", 121)
                .Add("errmsg", "Document failed validation")
                .AddDocument("errInfo", info => info.Add("failingDocumentId", 7).AddDocument("details", _ => { }))))
            .Build();

        var exception = (MongoDocumentValidationException)Map(Error(MongoErrorDomain.Server, 121, "Document failed validation"), reply);

        Assert.That(exception.Details!.GetInt32("failingDocumentId"), Is.EqualTo(7));
    }

    [Test]
    public void An_empty_reply_is_not_kept()
    {
        var exception = Map(Error(MongoErrorDomain.ServerSelection, 13053, "No suitable servers found"), BsonDocument.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(exception.Reply, Is.Null);
            Assert.That(exception.Labels, Is.Empty);
        });
    }

    private static MongoException Map(BsonError error, BsonDocument reply)
    {
        using var native = NativeBson.FromDocument(reply);
        return MongoErrorMapper.FromNative(error, native.DangerousGetHandle());
    }

    private static unsafe BsonError Error(MongoErrorDomain domain, uint code, string message)
    {
        var error = new BsonError { Domain = (uint)domain, Code = code };
        var bytes = Encoding.UTF8.GetBytes(message);
        new ReadOnlySpan<byte>(bytes).CopyTo(new Span<byte>(error.Message, BsonError.MessageCapacity - 1));
        return error;
    }
}

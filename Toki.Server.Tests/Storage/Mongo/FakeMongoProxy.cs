using System.Reflection;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The proxies behind <see cref="FakeMongo"/>: one class, for whichever driver interface it stands in.</summary>
public class FakeMongoProxy : DispatchProxy
{
    private FakeMongo _fake = null!;
    private string _name = "";
    private CancellationToken _cancellation;

    internal static T Create<T>(FakeMongo fake, string name) where T : class
    {
        var proxy = Create<T, FakeMongoProxy>();
        var self = (FakeMongoProxy)(object)proxy;
        self._fake = fake;
        self._name = name;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        args ??= [];
        var session = args.Length > 0 ? args[0] as IClientSessionHandle : null;
        var rest = session is null ? args : args[1..];
        _cancellation = args.OfType<CancellationToken>().FirstOrDefault();
        return method.Name switch
        {
            "get_Settings" => _fake.Settings,
            "GetDatabase" => Create<IMongoDatabase>(_fake, (string)args[0]!),
            "get_DatabaseNamespace" => new DatabaseNamespace(_name),
            "GetCollection" => Create<IMongoCollection<BsonDocument>>(_fake, (string)args[0]!),
            "StartSessionAsync" => Task.FromResult(Create<IClientSessionHandle>(_fake, "session")),
            "Dispose" => null,
            "WithTransactionAsync" => typeof(FakeMongoProxy).GetMethod(nameof(WithTransactionAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(method.GetGenericArguments()).Invoke(this, args),
            "AbortTransactionAsync" => Abort(),
            "get_IsInTransaction" => _fake.InTransaction && !_fake.Aborted,
            "RunCommandAsync" => Answer("command", ((BsonDocumentCommand<BsonDocument>)args[0]!).Document, null, null, session, new BsonDocument("ok", 1.0)),
            "FindAsync" => Answer<IAsyncCursor<BsonDocument>>("find", Filter(rest[0]), null, FindOptions(rest[1]), session, new FakeCursor([]),
                answer => new FakeCursor((IReadOnlyList<BsonDocument>)answer)),
            "InsertOneAsync" => Answer<object?>("insert", null, (BsonDocument)rest[0]!, null, session, null),
            "ReplaceOneAsync" => Answer<ReplaceOneResult>("replace", Filter(rest[0]), (BsonDocument)rest[1]!, null, session,
                new ReplaceOneResult.Acknowledged(1, 1, null)),
            "UpdateOneAsync" => Answer<UpdateResult>("update", Filter(rest[0]), Update(rest[1]), null, session, new UpdateResult.Acknowledged(1, 1, null)),
            "FindOneAndUpdateAsync" => Answer<BsonDocument?>("findOneAndUpdate", Filter(rest[0]), Update(rest[1]),
                $"returnDocument: {((FindOneAndUpdateOptions<BsonDocument, BsonDocument>)rest[2]!).ReturnDocument}", session, null),
            _ => throw new NotSupportedException($"The store called {method.DeclaringType?.Name}.{method.Name}, which FakeMongo does not script."),
        };
    }

    /// <summary>The operation's task: the scripted answer, a task the answer supplies, the default, or the answer's exception.</summary>
    private object Answer<T>(string name, BsonDocument? filter, BsonDocument? document, string? options, IClientSessionHandle? session, T fallback,
        Func<object, T>? convert = null)
    {
        try
        {
            var answer = _fake.Run(new FakeOperation(name, _name, filter, document, options, session is not null && _fake.InTransaction)
            {
                Cancellation = _cancellation,
            });
            return answer switch
            {
                null => typeof(T) == typeof(object) ? Task.CompletedTask : Task.FromResult(fallback),
                Task task => task,
                _ => Task.FromResult(convert is null ? (T)answer : convert(answer)),
            };
        }
        catch (Exception exception)
        {
            return typeof(T) == typeof(object) ? Task.FromException(exception) : Task.FromException<T>(exception);
        }
    }

    private Task Abort()
    {
        _fake.Aborted = true;
        _fake.Note("abortTransaction");
        return Task.CompletedTask;
    }

    private async Task<T> WithTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> body, TransactionOptions options,
        CancellationToken cancellationToken)
    {
        _fake.TransactionOptions = options;
        _fake.InTransaction = true;
        _fake.Aborted = false;
        _fake.Note("startTransaction");
        var committing = false;
        try
        {
            var result = await body((IClientSessionHandle)(object)this, cancellationToken);
            if (!_fake.Aborted)
            {
                committing = true;
                _fake.Note("commitTransaction");
                if (_fake.CommitFailure is { } failure)
                {
                    throw failure;
                }
            }
            return result;
        }
        catch when (!_fake.Aborted && !committing)
        {
            _fake.Note("abortTransaction (driver)");
            throw;
        }
        finally
        {
            _fake.InTransaction = false;
        }
    }

    private static string FindOptions(object? options) =>
        options is FindOptions<BsonDocument, BsonDocument> find
            ? string.Join(", ", new[]
            {
                find.Sort is null ? null : $"sort: {TestBson.Json(((BsonDocumentSortDefinition<BsonDocument>)find.Sort).Document)}",
                find.Limit is null ? null : $"limit: {find.Limit}",
            }.OfType<string>())
            : "";

    private static BsonDocument Filter(object? filter) => ((BsonDocumentFilterDefinition<BsonDocument>)filter!).Document;

    private static BsonDocument Update(object? update) => ((BsonDocumentUpdateDefinition<BsonDocument>)update!).Document;
}

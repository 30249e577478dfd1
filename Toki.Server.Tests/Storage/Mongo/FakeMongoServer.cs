using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// A loopback stand-in for a MongoDB 5.0 replica-set primary speaking the wire protocol (OP_QUERY handshakes,
/// OP_MSG commands), so that what libmongoc sends and how replies are read can be checked without a server.
/// Hello/isMaster is answered by the fake itself; every other command is recorded (document sequences merged in as
/// arrays) and answered by the test's responder, or with <c>{ok: 1}</c> when it returns null.
/// </summary>
internal sealed class FakeMongoServer : IDisposable
{
    private const int OpReply = 1;
    private const int OpQuery = 2004;
    private const int OpMsg = 2013;

    private readonly TcpListener listener;
    private readonly Func<BsonDocument, BsonDocument?> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly List<BsonDocument> commands = [];
    private readonly Task acceptLoop;
    private int nextRequestId;

    public FakeMongoServer(Func<BsonDocument, BsonDocument?>? respond = null)
    {
        this.respond = respond ?? (_ => null);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptLoop();
    }

    public int Port { get; }

    public MongoConnection Connect(string extraOptions = "") =>
        MongoConnection.Open(new MongoConnectionSettings(Uri(extraOptions), "toki-tests"));

    public string Uri(string extraOptions = "") =>
        $"mongodb://127.0.0.1:{Port}/?replicaSet=rs0&serverSelectionTimeoutMS=5000{extraOptions}";

    /// <summary>Commands received so far, hello excluded, in arrival order.</summary>
    public IReadOnlyList<BsonDocument> Commands
    {
        get
        {
            lock (commands)
            {
                return commands.ToArray();
            }
        }
    }

    public IReadOnlyList<BsonDocument> CommandsNamed(string name) => Commands.Where(c => c[0].Name == name).ToArray();

    public static BsonDocument Ok(Action<BsonDocumentBuilder>? fields = null)
    {
        var builder = new BsonDocumentBuilder();
        fields?.Invoke(builder);
        return builder.Add("ok", 1.0).Build();
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            acceptLoop.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var connection = client;
        var stream = client.GetStream();
        var header = new byte[16];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(header, stop.Token);
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                var requestId = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
                var opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
                var body = new byte[length - 16];
                await stream.ReadExactlyAsync(body, stop.Token);

                var command = opCode == OpQuery ? ParseQuery(body) : ParseMsg(body);
                var reply = Answer(command);
                var replyBody = opCode == OpQuery ? ReplyBody(reply) : MsgBody(reply);
                await stream.WriteAsync(Frame(requestId, opCode == OpQuery ? OpReply : OpMsg, replyBody), stop.Token);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // libmongoc closed the connection, or the fake is shutting down.
        }
    }

    private BsonDocument Answer(BsonDocument command)
    {
        var name = command[0].Name;
        if (name is "hello" or "isMaster" or "ismaster")
        {
            return Hello();
        }

        lock (commands)
        {
            commands.Add(command);
        }

        return respond(command) ?? Ok();
    }

    private BsonDocument Hello()
    {
        var me = $"127.0.0.1:{Port}";
        return Ok(b => b
            .Add("helloOk", true)
            .Add("isWritablePrimary", true)
            .Add("ismaster", true)
            .Add("setName", "rs0")
            .Add("setVersion", 1)
            .AddArray("hosts", h => h.Add(me))
            .Add("me", me)
            .Add("primary", me)
            .Add("minWireVersion", 0)
            .Add("maxWireVersion", 13)
            .Add("maxBsonObjectSize", 16 * 1024 * 1024)
            .Add("maxMessageSizeBytes", 48_000_000)
            .Add("maxWriteBatchSize", 100_000)
            .Add("logicalSessionTimeoutMinutes", 30));
    }

    private static BsonDocument ParseQuery(byte[] body)
    {
        // flags, fullCollectionName (cstring), numberToSkip, numberToReturn, then the query document.
        var position = Array.IndexOf(body, (byte)0, 4) + 1 + 8;
        var query = ReadDocument(body, position);
        return query.Count > 0 && query[0].Name == "$query" ? query[0].Value.AsDocument : query;
    }

    private static BsonDocument ParseMsg(byte[] body)
    {
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(body);
        var end = (flags & 1) != 0 ? body.Length - 4 : body.Length;
        BsonDocument? main = null;
        var sequences = new List<(string Name, List<BsonDocument> Documents)>();
        var position = 4;
        while (position < end)
        {
            var kind = body[position++];
            if (kind == 0)
            {
                main = ReadDocument(body, position);
                position += main.Bytes.Length;
                continue;
            }

            var sectionEnd = position + BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
            var nameEnd = Array.IndexOf(body, (byte)0, position + 4);
            var sequence = (Encoding.UTF8.GetString(body, position + 4, nameEnd - position - 4), new List<BsonDocument>());
            for (position = nameEnd + 1; position < sectionEnd; position += sequence.Item2[^1].Bytes.Length)
            {
                sequence.Item2.Add(ReadDocument(body, position));
            }

            sequences.Add(sequence);
        }

        var merged = new BsonDocumentBuilder();
        foreach (var element in main!)
        {
            merged.Add(element.Name, element.Value);
        }

        foreach (var (name, documents) in sequences)
        {
            merged.AddArray(name, array => documents.ForEach(d => array.Add(d)));
        }

        return merged.Build();
    }

    private static BsonDocument ReadDocument(byte[] buffer, int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(position));
        return BsonDocument.FromBytes(buffer.AsSpan(position, length));
    }

    private static byte[] ReplyBody(BsonDocument reply)
    {
        var body = new byte[20 + reply.Bytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(16), 1);
        reply.Bytes.Span.CopyTo(body.AsSpan(20));
        return body;
    }

    private static byte[] MsgBody(BsonDocument reply)
    {
        var body = new byte[5 + reply.Bytes.Length];
        reply.Bytes.Span.CopyTo(body.AsSpan(5));
        return body;
    }

    private byte[] Frame(int responseTo, int opCode, byte[] body)
    {
        var message = new byte[16 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), Interlocked.Increment(ref nextRequestId));
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(8), responseTo);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), opCode);
        body.CopyTo(message.AsSpan(16));
        return message;
    }
}

using System.Globalization;

namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>Builds a BSON array; element names are the indexes "0", "1", … as the specification requires.</summary>
internal sealed class BsonArrayBuilder
{
    private readonly BsonBuilderScope scope;
    private readonly bool isRoot;
    private int count;

    public BsonArrayBuilder()
    {
        var writer = new BsonWriter();
        scope = new BsonBuilderScope(writer, writer.BeginDocument());
        isRoot = true;
    }

    private BsonArrayBuilder(BsonWriter writer, int start)
    {
        scope = new BsonBuilderScope(writer, start);
    }

    public BsonArrayBuilder Add(string value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(int value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(long value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(double value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(bool value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(DateTimeOffset value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(ObjectId value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(BsonBinary value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(BsonDecimal128 value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(BsonDocument value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(BsonArray value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder Add(BsonValue value) => Do((w, n) => BsonValueWriter.Write(w, n, value));

    public BsonArrayBuilder AddNull() => Do(BsonValueWriter.WriteNull);

    public BsonArrayBuilder AddDocument(Action<BsonDocumentBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        scope.Nest(BsonType.Document, NextName(), (writer, start) => BsonDocumentBuilder.BuildNested(writer, start, build));
        count++;
        return this;
    }

    public BsonArrayBuilder AddArray(Action<BsonArrayBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        scope.Nest(BsonType.Array, NextName(), (writer, start) => BuildNested(writer, start, build));
        count++;
        return this;
    }

    /// <summary>Completes the array; the builder cannot be used afterwards.</summary>
    public BsonArray Build()
    {
        if (!isRoot)
        {
            throw new InvalidOperationException("A nested builder is completed by its parent, not by Build().");
        }

        var writer = scope.Writer;
        scope.Close();
        return new BsonArray(new BsonDocument(writer.ToArray()));
    }

    internal static void BuildNested(BsonWriter writer, int start, Action<BsonArrayBuilder> build)
    {
        var nested = new BsonArrayBuilder(writer, start);
        build(nested);
        nested.scope.Close();
    }

    private string NextName() => count.ToString(CultureInfo.InvariantCulture);

    private BsonArrayBuilder Do(Action<BsonWriter, string> write)
    {
        var name = NextName();
        scope.Write(w => write(w, name));
        count++;
        return this;
    }
}

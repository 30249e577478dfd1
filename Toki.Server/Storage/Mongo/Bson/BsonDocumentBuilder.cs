namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// Builds a BSON document element by element, in order. Nested documents and arrays are built through callbacks:
/// <c>new BsonDocumentBuilder().Add("a", 1).AddDocument("b", b => b.Add("c", "x")).Build()</c>.
/// </summary>
internal sealed class BsonDocumentBuilder
{
    private readonly BsonBuilderScope scope;
    private readonly bool isRoot;

    public BsonDocumentBuilder()
    {
        var writer = new BsonWriter();
        scope = new BsonBuilderScope(writer, writer.BeginDocument());
        isRoot = true;
    }

    private BsonDocumentBuilder(BsonWriter writer, int start)
    {
        scope = new BsonBuilderScope(writer, start);
    }

    public BsonDocumentBuilder Add(string name, string value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, int value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, long value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, double value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, bool value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, DateTimeOffset value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, ObjectId value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, BsonBinary value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, BsonDecimal128 value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, BsonDocument value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, BsonArray value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder Add(string name, BsonValue value) => Do(w => BsonValueWriter.Write(w, name, value));

    public BsonDocumentBuilder AddNull(string name) => Do(w => BsonValueWriter.WriteNull(w, name));

    public BsonDocumentBuilder AddDocument(string name, Action<BsonDocumentBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        scope.Nest(BsonType.Document, name, (writer, start) => BuildNested(writer, start, build));
        return this;
    }

    public BsonDocumentBuilder AddArray(string name, Action<BsonArrayBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        scope.Nest(BsonType.Array, name, (writer, start) => BsonArrayBuilder.BuildNested(writer, start, build));
        return this;
    }

    /// <summary>Completes the document; the builder cannot be used afterwards.</summary>
    public BsonDocument Build()
    {
        if (!isRoot)
        {
            throw new InvalidOperationException("A nested builder is completed by its parent, not by Build().");
        }

        var writer = scope.Writer;
        scope.Close();
        return new BsonDocument(writer.ToArray());
    }

    internal static void BuildNested(BsonWriter writer, int start, Action<BsonDocumentBuilder> build)
    {
        var nested = new BsonDocumentBuilder(writer, start);
        build(nested);
        nested.scope.Close();
    }

    private BsonDocumentBuilder Do(Action<BsonWriter> write)
    {
        scope.Write(write);
        return this;
    }
}

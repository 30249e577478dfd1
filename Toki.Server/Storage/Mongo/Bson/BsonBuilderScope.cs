namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// The state of one open document or array inside a shared <see cref="BsonWriter"/>. It refuses writes while a nested
/// scope is open (writing to the outer builder from inside a nested callback would corrupt the bytes), after it was
/// closed, and after a nested callback threw. A single element that fails to write is rolled back.
/// </summary>
internal sealed class BsonBuilderScope(BsonWriter writer, int start)
{
    private State state = State.Open;

    private enum State
    {
        Open,
        Nested,
        Closed,
        Faulted,
    }

    public BsonWriter Writer => state switch
    {
        State.Open => writer,
        State.Nested => throw new InvalidOperationException("A nested document or array of this builder is still being built; add to the nested builder."),
        State.Closed => throw new InvalidOperationException("This BSON builder is already complete."),
        _ => throw new InvalidOperationException("A nested build callback of this BSON builder threw; the builder cannot be used any more."),
    };

    /// <summary>Writes one element; if writing throws (e.g. an invalid name), the partial element is removed.</summary>
    public void Write(Action<BsonWriter> write)
    {
        var mark = Writer.Length;
        try
        {
            write(writer);
        }
        catch
        {
            writer.Truncate(mark);
            throw;
        }
    }

    public void Nest(BsonType type, string name, Action<BsonWriter, int> build)
    {
        var nestedStart = Writer.BeginElementDocument(type, name);
        state = State.Nested;
        try
        {
            build(writer, nestedStart);
        }
        catch
        {
            state = State.Faulted;
            throw;
        }

        state = State.Open;
    }

    public void Close()
    {
        Writer.EndDocument(start);
        state = State.Closed;
    }
}

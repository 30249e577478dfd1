namespace Toki.Bench;

public enum ServerKind
{
    Toki,
    Node,
}

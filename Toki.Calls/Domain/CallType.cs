namespace Toki.Calls.Domain;

public enum CallType
{
    Audio,
    Video,
}

namespace Toki.Calls.Domain;

/// <summary>A participant's side of a call.</summary>
public enum CallRole
{
    Caller,
    Callee,
}

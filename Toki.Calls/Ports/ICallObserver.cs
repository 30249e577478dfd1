namespace Toki.Calls.Ports;

/// <summary>
/// Told of every committed call transition, after the commit and before its effects (the call audit log implements
/// it). Called on the acting thread with the call's lock held: it must be quick and must not call the service.
/// </summary>
public interface ICallObserver
{
    void OnTransition(CallTransition transition);
}

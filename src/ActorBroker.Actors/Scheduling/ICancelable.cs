namespace ActorBroker.Actors;

/// <summary>A scheduled action that can be cancelled; cancelling twice is harmless.</summary>
public interface ICancelable
{
    void Cancel();

    bool IsCancellationRequested { get; }
}

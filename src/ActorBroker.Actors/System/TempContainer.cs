using System.Collections.Concurrent;

namespace ActorBroker.Actors;

/// <summary>Holds the short-lived refs of pending asks under /temp, so replies can find them by path.</summary>
internal sealed class TempContainer(ActorPath path)
{
    private readonly ConcurrentDictionary<string, PromiseActorRef> _refs = new();
    private long _counter;

    public ActorPath NextPath() => path.Child("$" + Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Add(PromiseActorRef promise) => _refs[promise.Path.Name] = promise;

    public void Remove(PromiseActorRef promise) => _refs.TryRemove(promise.Path.Name, out _);

    public IInternalActorRef? Get(string name) => _refs.TryGetValue(name, out var promise) ? promise : null;
}

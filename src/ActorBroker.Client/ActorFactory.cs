using Akka.Actor;

namespace ActorBroker.Client;

/// <summary>
/// Props from a factory: Akka's <c>Props.Create(() =&gt; new T(...))</c> calls the constructor through reflection, which
/// finds only public constructors, while the clients' actors keep theirs private (their public way in is Props).
/// </summary>
internal sealed class ActorFactory<TActor>(Func<TActor> create) : IIndirectActorProducer
    where TActor : ActorBase
{
    public Type ActorType => typeof(TActor);

    public static Props Props(Func<TActor> create) => Akka.Actor.Props.CreateBy(new ActorFactory<TActor>(create));

    public ActorBase Produce() => create();

    public void Release(ActorBase actor)
    {
        // Nothing to release: the actor owns no resource the factory gave it.
    }
}

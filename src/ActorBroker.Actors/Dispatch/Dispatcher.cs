using ActorBroker.Hocon;

namespace ActorBroker.Actors;

/// <summary>
/// Runs mailboxes on the .NET thread pool. <see cref="Throughput"/> bounds how many user messages
/// one actor processes per turn before it yields its thread to other actors.
/// </summary>
internal sealed class Dispatcher(string id, int throughput)
{
    public string Id { get; } = id;

    public int Throughput { get; } = throughput;

    public static Dispatcher FromConfig(string id, Config config)
    {
        var throughput = config.GetInt("throughput", 30);
        if (throughput < 1)
            throw new ConfigException($"{id}.throughput", $"{id}.throughput must be at least 1 but is {throughput}");
        return new Dispatcher(id, throughput);
    }

    public void Schedule(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}

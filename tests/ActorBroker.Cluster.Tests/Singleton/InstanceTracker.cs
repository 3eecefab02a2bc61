using ActorBroker.Actors;

namespace ActorBroker.Cluster.Tests.Singleton;

/// <summary>
/// Counts live singleton instances across all in-process nodes of a test, remembers the most that were ever alive
/// at once, and records what each instance received. The nodes share this object through the props closure.
/// </summary>
public sealed class InstanceTracker
{
    private readonly object _gate = new();
    private readonly List<string> _timeline = [];
    private readonly List<(Address Node, int Value)> _received = [];
    private int _alive;

    public int MaxAlive { get; private set; }

    public int Alive
    {
        get
        {
            lock (_gate) return _alive;
        }
    }

    /// <summary>Where the live instance runs (the last one started), or null when none runs.</summary>
    public Address? RunningOn { get; private set; }

    public IReadOnlyList<string> Timeline
    {
        get
        {
            lock (_gate) return [.. _timeline];
        }
    }

    public IReadOnlyList<(Address Node, int Value)> Received
    {
        get
        {
            lock (_gate) return [.. _received];
        }
    }

    public void Started(Address node)
    {
        lock (_gate)
        {
            _alive++;
            MaxAlive = Math.Max(MaxAlive, _alive);
            RunningOn = node;
            _timeline.Add($"start {node}");
        }
    }

    public void Stopped(Address node)
    {
        lock (_gate)
        {
            _alive--;
            if (Equals(RunningOn, node)) RunningOn = null;
            _timeline.Add($"stop {node}");
        }
    }

    public void Got(Address node, int value)
    {
        lock (_gate) _received.Add((node, value));
    }

    /// <summary>A singleton that reports its life to the tracker and answers every int with its node's port.</summary>
    public Props Props() => Actors.Props.Create(() => new CountingSingleton(this));

    private sealed class CountingSingleton : ReceiveActor
    {
        private readonly InstanceTracker _tracker;
        private readonly Address _node;

        public CountingSingleton(InstanceTracker tracker)
        {
            _tracker = tracker;
            _node = Context.System.Address;
            Receive<int>(value =>
            {
                _tracker.Got(_node, value);
                Sender.Tell(_node.Port!.Value);
            });
        }

        protected override void PreStart() => _tracker.Started(_node);

        protected override void PostStop() => _tracker.Stopped(_node);
    }
}

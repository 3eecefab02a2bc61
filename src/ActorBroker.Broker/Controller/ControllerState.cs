using Akka.Actor;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Broker.Controller;

/// <summary>A topic as the controller keeps it: its id, configuration overrides and partition assignments in order.</summary>
internal sealed record TopicState(string Name, Guid TopicId, IReadOnlyDictionary<string, string> Configs, IReadOnlyList<PartitionAssignment> Partitions)
{
    public TopicPartition PartitionId(int partition) => new(Name, partition);

    /// <summary>The effective config: <paramref name="defaults"/> (the broker's) under this topic's overrides.</summary>
    public TopicConfig Config(TopicConfig defaults)
    {
        // The overrides were validated at creation; TryApply cannot fail on them later.
        defaults.TryApply(Configs, out var config, out _);
        return config;
    }
}

/// <summary>A partition moving to <paramref name="Target"/> replicas; it completes once every one of <paramref name="Adding"/> is in the ISR.</summary>
internal sealed record PartitionReassignment(IReadOnlyList<string> Target, IReadOnlyList<string> Adding);

/// <summary>
/// The controller's durable state, rebuilt from its events: the controller epoch, the topics, the topics being
/// deleted, the partition reassignments in progress, and the users' credentials and ACLs. Pure (no actor), so recovery and the metadata image can be tested on their own.
/// </summary>
internal sealed class ControllerState
{
    private readonly Dictionary<string, TopicState> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopicState> _deleting = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicPartition, PartitionReassignment> _reassignments = [];
    private readonly SortedDictionary<string, SortedDictionary<ScramMechanism, ScramCredential>> _users = new(StringComparer.Ordinal);
    private readonly List<AclBinding> _acls = [];

    public int Epoch { get; private set; }

    public IReadOnlyDictionary<string, TopicState> Topics => _topics;

    public IReadOnlyDictionary<string, TopicState> Deleting => _deleting;

    public IReadOnlyDictionary<TopicPartition, PartitionReassignment> Reassignments => _reassignments;

    /// <summary>Users by name, with their credentials by mechanism.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<ScramMechanism, ScramCredential>> Users => _users;

    /// <summary>The ACLs, each once, in the order they were added.</summary>
    public IReadOnlyList<AclBinding> Acls => _acls;

    /// <summary>Partitions of live and deleting topics: all of them are still in the images.</summary>
    public int PartitionCount => _topics.Values.Sum(t => t.Partitions.Count) + _deleting.Values.Sum(t => t.Partitions.Count);

    /// <summary>Every topic the images carry, live and deleting.</summary>
    public IEnumerable<TopicState> AllTopics => _topics.Values.Concat(_deleting.Values);

    public void Apply(IControllerEvent e)
    {
        switch (e)
        {
            case ControllerStarted started:
                Epoch = started.Epoch;
                break;
            case ControllerStateAdopted adopted:
                _topics.Clear();
                _deleting.Clear();
                _reassignments.Clear();
                foreach (var topic in adopted.Topics) _topics[topic.Name] = topic;
                foreach (var topic in adopted.Deleting) _deleting[topic.Name] = topic;
                if (adopted.Security is { } security) AdoptSecurity(security);
                Epoch = Math.Max(Epoch, adopted.ControllerEpoch);
                break;
            case UserCredentialSet set:
                if (!_users.TryGetValue(set.User, out var existing)) _users[set.User] = existing = [];
                existing[set.Credential.Mechanism] = set.Credential;
                break;
            case UserCredentialRemoved removed when _users.TryGetValue(removed.User, out var remaining):
                remaining.Remove(removed.Mechanism);
                if (remaining.Count == 0) _users.Remove(removed.User);
                break;
            case AclsAdded added:
                foreach (var acl in added.Acls.Where(a => !_acls.Contains(a))) _acls.Add(acl);
                break;
            case AclsRemoved removed:
                foreach (var acl in removed.Acls) _acls.Remove(acl);
                break;
            case TopicCreated created:
                _topics[created.Name] = new TopicState(created.Name, created.TopicId, created.Configs, created.Partitions);
                break;
            case PartitionsCreated added when IsLive(added.Name, added.TopicId, out var topic):
                _topics[added.Name] = topic with { Partitions = [.. topic.Partitions, .. added.Added] };
                break;
            case TopicDeletionStarted deleting when IsLive(deleting.Name, deleting.TopicId, out var topic):
                _topics.Remove(deleting.Name);
                _deleting[deleting.Name] = topic;
                foreach (var partition in _reassignments.Keys.Where(p => p.Topic == deleting.Name).ToList()) _reassignments.Remove(partition);
                break;
            case TopicDeleted deleted when _deleting.TryGetValue(deleted.Name, out var topic) && topic.TopicId == deleted.TopicId:
                _deleting.Remove(deleted.Name);
                break;
            case LeaderAndIsrChanged changed:
                foreach (var byTopic in changed.Partitions.GroupBy(c => (c.Name, c.TopicId))) Replace(byTopic.Key.Name, byTopic.Key.TopicId, byTopic);
                break;
            case PartitionReassignmentStarted started when TryGetPartition(new TopicPartition(started.Name, started.Partition), out var topic, out var current)
                                                          && topic.TopicId == started.TopicId:
                _reassignments[topic.PartitionId(started.Partition)] =
                    new PartitionReassignment(started.Target, [.. started.Target.Where(r => !current.Replicas.Contains(r))]);
                Replace(started.Name, started.TopicId, [new PartitionChange(started.Name, started.TopicId, started.Partition, started.Assignment)]);
                break;
            case PartitionReassignmentCompleted completed when IsLive(completed.Name, completed.TopicId, out _):
                _reassignments.Remove(new TopicPartition(completed.Name, completed.Partition));
                Replace(completed.Name, completed.TopicId, [new PartitionChange(completed.Name, completed.TopicId, completed.Partition, completed.Assignment)]);
                break;
        }
    }

    /// <summary>The users and ACLs as images carry them.</summary>
    public SecurityImage SecurityImage() => new(
        _users.ToDictionary(u => u.Key, u => (IReadOnlyList<ScramCredential>)[.. u.Value.Values], StringComparer.Ordinal),
        [.. _acls]);

    private void AdoptSecurity(SecurityImage security)
    {
        _users.Clear();
        _acls.Clear();
        foreach (var (user, credentials) in security.Users) _users[user] = new(credentials.ToDictionary(c => c.Mechanism));
        _acls.AddRange(security.Acls.Distinct());
    }

    /// <summary>The state an image describes, for <see cref="ControllerStateAdopted"/>.</summary>
    public static (List<TopicState> Topics, List<TopicState> Deleting) FromImage(MetadataImage image)
    {
        static TopicState ToState(TopicImage topic) => new(topic.Name, topic.TopicId, topic.Configs,
            [.. topic.Partitions.Select(p => new PartitionAssignment(p.Replicas, p.Leader, p.LeaderEpoch, p.Isr, p.PartitionEpoch))]);
        return ([.. image.Topics.Values.Select(ToState)], [.. image.DeletingTopics.Values.Select(ToState)]);
    }

    /// <summary>The topic's replication factor: partition 0's replica count, or its target's while it is being moved (its list is longer then).</summary>
    public int ReplicationFactorOf(TopicState topic) =>
        _reassignments.TryGetValue(topic.PartitionId(0), out var moving) ? moving.Target.Count : topic.Partitions[0].Replicas.Count;

    /// <summary>A live topic's partition, or false when the topic does not exist, is being deleted, or has fewer partitions.</summary>
    public bool TryGetPartition(TopicPartition partition, out TopicState topic, out PartitionAssignment assignment)
    {
        assignment = null!;
        if (!_topics.TryGetValue(partition.Topic ?? "", out topic!) || (uint)partition.Partition >= (uint)topic.Partitions.Count) return false;
        assignment = topic.Partitions[partition.Partition];
        return true;
    }

    /// <summary>
    /// The image to publish: the Up nodes, and every partition as assigned. A leader whose node is not Up is published
    /// as no leader; elections move leadership off such nodes, so this only guards the moment before one is persisted.
    /// Effective configs are this broker's defaults under each topic's overrides.
    /// </summary>
    public MetadataImage ToImage(long version, IReadOnlyDictionary<string, Address> upNodes, TopicConfig defaults) =>
        new(version, Epoch,
            [.. upNodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new BrokerNode(n.Key, NodeIds.FrontPath(n.Value)))],
            _topics.Values.ToDictionary(t => t.Name, t => ToImage(t, upNodes, defaults), StringComparer.Ordinal),
            _deleting.Values.ToDictionary(t => t.Name, t => ToImage(t, upNodes, defaults), StringComparer.Ordinal))
        {
            Security = SecurityImage(),
        };

    private static TopicImage ToImage(TopicState topic, IReadOnlyDictionary<string, Address> upNodes, TopicConfig defaults)
    {
        var partitions = new PartitionImage[topic.Partitions.Count];
        for (var i = 0; i < partitions.Length; i++)
        {
            var a = topic.Partitions[i];
            partitions[i] = new PartitionImage(i, a.Replicas, a.Leader is not null && upNodes.ContainsKey(a.Leader) ? a.Leader : null, a.LeaderEpoch, a.Isr, a.PartitionEpoch);
        }

        return new TopicImage(topic.Name, topic.TopicId, topic.Configs, topic.Config(defaults), partitions);
    }

    /// <summary>Sets the partitions' assignments in the topic (live or deleting) of that name and id; changes for another topic id are ignored.</summary>
    private void Replace(string name, Guid topicId, IEnumerable<PartitionChange> changes)
    {
        var topics = _topics.ContainsKey(name) ? _topics : _deleting;
        if (!topics.TryGetValue(name, out var topic) || topic.TopicId != topicId) return;
        var partitions = topic.Partitions.ToArray();
        foreach (var change in changes)
        {
            if ((uint)change.Partition < (uint)partitions.Length) partitions[change.Partition] = change.Assignment;
        }

        topics[name] = topic with { Partitions = partitions };
    }

    private bool IsLive(string name, Guid topicId, out TopicState topic) =>
        _topics.TryGetValue(name, out topic!) && topic.TopicId == topicId;
}

namespace ActorBroker.Broker.Partitions;

/// <summary>One leader epoch of a <see cref="LeaderEpochCache"/> and the first offset written in it.</summary>
internal readonly record struct EpochEntry(int Epoch, long StartOffset);

namespace ActorBroker.Cluster.Singleton;

/// <summary>From the new oldest's manager to the previous oldest's: stop your instance and tell me when it is gone.</summary>
internal sealed record HandOverToMe
{
    public static readonly HandOverToMe Instance = new();
}

/// <summary>The answer to <see cref="HandOverToMe"/>: no instance runs here any more, start yours.</summary>
internal sealed record HandOverDone
{
    public static readonly HandOverDone Instance = new();
}

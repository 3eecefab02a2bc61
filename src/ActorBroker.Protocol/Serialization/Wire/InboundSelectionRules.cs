using Akka.Actor;

namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// Which actor selections a node accepts from the network. A selection names one actor by child names only: a
/// wildcard element (<see cref="SelectChildPattern"/>) delivers to every match, and combined with <c>..</c>
/// (<see cref="SelectParent"/>) a 60-byte path like <c>system/(*/..)×7/*</c> multiplies into millions of deliveries.
/// Akka's own remote selections (cluster join and heartbeats, gossip, the receptionist, the replicator, singleton
/// and sharding paths) use child names only, so refusing the other two costs nothing legitimate.
/// </summary>
internal static class InboundSelectionRules
{
    /// <summary>More elements than any path the project or Akka selects remotely (the longest is about six).</summary>
    public const int MaxElements = 32;

    /// <summary>Why <paramref name="selection"/> is refused, or null when it is accepted.</summary>
    public static string? Refusal(ActorSelectionMessage selection)
    {
        var elements = selection.Elements;
        if (elements.Length > MaxElements)
            return $"it has {elements.Length} path elements, more than {MaxElements}";
        foreach (var element in elements)
        {
            switch (element)
            {
                case SelectParent:
                    return "it climbs to a parent (..)";
                case SelectChildPattern pattern:
                    return $"it has the wildcard element [{WireText.Excerpt(pattern.PatternStr)}]";
            }
        }

        return null;
    }
}

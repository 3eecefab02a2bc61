namespace ActorBroker.Broker.Metadata;

/// <summary>
/// The node's newest metadata image, readable from any thread (the front actor routes by it, the partition entity
/// factory reads topic ids and configs from it). Only the node's metadata cache actor replaces it, and only with a
/// newer version.
/// </summary>
public sealed class LocalMetadata
{
    private MetadataImage _current = MetadataImage.Empty;

    /// <summary>The newest image this node has; <see cref="MetadataImage.Empty"/> until the controller's first one arrives.</summary>
    public MetadataImage Current => Volatile.Read(ref _current);

    /// <summary>Replaces the image if <paramref name="image"/> is newer; false when it is not (a stale or repeated push).</summary>
    internal bool TryAdvance(MetadataImage image)
    {
        if (image.Version <= Current.Version) return false;
        Volatile.Write(ref _current, image);
        return true;
    }
}

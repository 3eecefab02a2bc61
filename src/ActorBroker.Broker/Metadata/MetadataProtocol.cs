namespace ActorBroker.Broker.Metadata;

/// <summary>
/// A node's metadata cache asks the controller (through the singleton proxy) for images. Sent every
/// register-interval until <see cref="MetadataCacheRegistered"/> arrives, and again whenever the controller it knows
/// terminates. <paramref name="NodeId"/> is the node's <c>host:port</c>.
/// </summary>
public sealed record RegisterMetadataCache(string NodeId);

/// <summary>The controller's acknowledgement of <see cref="RegisterMetadataCache"/>; its sender is the controller, which the cache then watches.</summary>
public sealed record MetadataCacheRegistered(int ControllerEpoch);

/// <summary>
/// The controller asks a cache it saw terminate by address to register again. Akka's remote death watch is keyed by
/// address, so when a node's old incarnation is removed, the cache of a new incarnation on the same host and port that
/// has already registered is reported terminated too. A cache that is really gone never answers.
/// </summary>
public sealed record ReRegisterMetadataCache(int ControllerEpoch);

/// <summary>
/// A node's <see cref="MetadataImageStore"/> tells the controller that sent an image that <paramref name="Version"/> (or a
/// later one) is now in that node's journal. The controller answers an ISR change only once a majority of the broker
/// nodes that are Up stored it, so its successor, which reads the nodes' stored images, cannot forget it.
/// </summary>
public sealed record MetadataStored(string NodeId, long Version);

/// <summary>
/// A committed image (stored on a majority of the broker nodes that are Up), pushed to every registered cache, which
/// acts on it; re-sent until acknowledged.
/// </summary>
public sealed record UpdateMetadata(MetadataImage Image);

/// <summary>
/// A proposed image: the cache's node stores it (its <see cref="MetadataImageStore"/> answers <see cref="MetadataStored"/>)
/// but nobody acts on it until the controller commits it with <see cref="UpdateMetadata"/>, once a majority stored it.
/// So a decision that a node acts on (a leader, an ISR, a topic) survives the controller: its successor starts from the
/// newest image the live nodes stored, and a majority of any later membership holds it.
/// </summary>
public sealed record StoreMetadata(MetadataImage Image);

/// <summary>A cache's acknowledgement: it holds an image of at least <paramref name="Version"/>.</summary>
public sealed record MetadataUpdated(long Version);

/// <summary>A starting controller asks every live node's cache for the image it holds, to pick up where its predecessor was.</summary>
public sealed record GetLocalImage(int ControllerEpoch);

/// <summary>The image a node's cache holds (<see cref="MetadataImage.Empty"/> when it has none yet).</summary>
public sealed record LocalImage(string NodeId, MetadataImage Image);

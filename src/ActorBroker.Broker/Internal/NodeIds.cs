using System.Globalization;
using Akka.Actor;

namespace ActorBroker.Broker.Internal;

/// <summary>How broker nodes are named: <c>host:port</c> of the member's address, stable across restarts on the same endpoint.</summary>
internal static class NodeIds
{
    /// <summary>Name of every node's front actor, under /user.</summary>
    public const string FrontName = "broker";

    public static string Of(Address address) =>
        address.Host is { } host && address.Port is { } port
            ? $"{host}:{port.ToString(CultureInfo.InvariantCulture)}"
            : throw new ArgumentException($"{address} has no host and port: a broker node needs remoting (akka.actor.provider = cluster)", nameof(address));

    /// <summary>The full path of the front actor on the node at <paramref name="address"/>, where clients send its requests.</summary>
    public static string FrontPath(Address address) => (new RootActorPath(address) / "user" / FrontName).ToString();
}

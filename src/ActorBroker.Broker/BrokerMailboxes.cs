using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Broker;

/// <summary>
/// The bounded mailboxes of the controller, the metadata cache and the front actor, sized by the broker's settings
/// (<c>*.mailbox-capacity</c>). A full mailbox drops to dead letters at once (no push timeout): senders retry or time
/// out, which is the back-pressure. Akka reads mailboxes from the system's config, so the broker adds their sections
/// when it starts, beneath whatever the node's own config already says at those paths.
/// </summary>
internal static class BrokerMailboxes
{
    public const string Controller = "actorbroker.broker.mailboxes.controller";
    public const string Metadata = "actorbroker.broker.mailboxes.metadata";
    public const string Front = "actorbroker.broker.mailboxes.front";

    public static void AddTo(ActorSystem system, BrokerSettings settings) =>
        system.Settings.InjectTopLevelFallback(Config(settings));

    public static Config Config(BrokerSettings settings) =>
        ConfigurationFactory.ParseString($"""
            {Section(Controller, settings.ControllerMailboxCapacity)}
            {Section(Metadata, settings.MetadataMailboxCapacity)}
            {Section(Front, settings.FrontMailboxCapacity)}
            """);

    private static string Section(string path, int capacity) =>
        $"{path} {{ mailbox-type = \"Akka.Dispatch.BoundedMailbox\", mailbox-capacity = {capacity.ToString(CultureInfo.InvariantCulture)}, mailbox-push-timeout-time = 0s }}";
}

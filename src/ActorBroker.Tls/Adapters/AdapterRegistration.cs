using Akka.Configuration;

namespace ActorBroker.Tls.Adapters;

/// <summary>The <c>akka.remote.adapters</c> entry that registers a transport adapter's provider under a name.</summary>
public static class AdapterRegistration
{
    // No space after the comma: Akka.Remote reads adapters through HOCON's ToString, which quotes a value with a space
    // in it, quotes and all, and Type.GetType then finds nothing.
    public static Config Of(string name, Type provider) =>
        ConfigurationFactory.ParseString($"akka.remote.adapters.{name} = \"{provider.FullName},{provider.Assembly.GetName().Name}\"");
}

using Akka.Configuration;

namespace ActorBroker.Protocol.Serialization;

/// <summary>Builds the HOCON that registers a serializer and binds types to it, from the types themselves (no hand-kept list of names).</summary>
public static class AkkaSerializerBindings
{
    public static Config Of(string serializerName, Type serializerType, IEnumerable<Type> boundTypes) => ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers { {{serializerName}} = "{{HoconTypeName(serializerType)}}" }
          serialization-bindings {
        {{string.Join("\n", boundTypes.Select(t => $"    \"{HoconTypeName(t)}\" = {serializerName}"))}}
          }
        }
        """);

    private static string HoconTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}

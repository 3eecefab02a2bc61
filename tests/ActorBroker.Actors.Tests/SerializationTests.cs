using ActorBroker.Actors.Serialization;
using ActorBroker.Hocon;

namespace ActorBroker.Actors.Tests;

public sealed record JsonMessage(string Topic, int Partition);

public interface IControlMessage;

public sealed record DerivedControl(string Name) : IControlMessage;

public sealed class SerializationTests : TestKit.TestKit
{
    private const string Assembly = "ActorBroker.Actors.Tests";

    private object RoundTrip(object value)
    {
        var payload = Sys.Serialization.Serialize(value);
        return Sys.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);
    }

    [Theory]
    [InlineData("héllo wörld")]
    [InlineData("")]
    [InlineData(42)]
    [InlineData(-7L)]
    [InlineData(true)]
    [InlineData(3.25)]
    public void Primitives_round_trip(object value)
    {
        Assert.Equal(value, RoundTrip(value));
        Assert.Equal(PrimitiveSerializer.Id, Sys.Serialization.Serialize(value).SerializerId);
    }

    [Fact]
    public void Byte_arrays_round_trip_unchanged()
    {
        byte[] bytes = [0, 1, 2, 255, 128];
        var payload = Sys.Serialization.Serialize(bytes);
        Assert.Equal(ByteArraySerializer.Id, payload.SerializerId);
        Assert.Equal(bytes, payload.Payload);
        Assert.Equal(bytes, (byte[])RoundTrip(bytes));
    }

    [Fact]
    public void A_type_bound_with_Bind_uses_the_json_serializer()
    {
        Sys.Serialization.Bind<JsonMessage>(new JsonMessageSerializer());
        var message = new JsonMessage("orders", 3);
        var payload = Sys.Serialization.Serialize(message);
        Assert.Equal(JsonMessageSerializer.Id, payload.SerializerId);
        Assert.Contains("JsonMessage", payload.Manifest);
        Assert.Equal(message, RoundTrip(message));
    }

    [Fact]
    public void A_binding_to_an_interface_covers_implementing_types()
    {
        Sys.Serialization.Bind(typeof(IControlMessage), JsonMessageSerializer.Id);
        Assert.Equal(new DerivedControl("x"), RoundTrip(new DerivedControl("x")));
    }

    [Fact]
    public void An_unbound_type_fails_with_a_message_naming_it()
    {
        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Serialize(new JsonMessage("t", 1)));
        Assert.Contains(typeof(JsonMessage).FullName!, e.Message);
        Assert.Contains("serialization-bindings", e.Message);
    }

    [Fact]
    public void An_unknown_serializer_id_fails_clearly()
    {
        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([1, 2], 999, ""));
        Assert.Contains("999", e.Message);
    }

    [Fact]
    public void A_bad_primitive_payload_fails_with_the_manifest_in_the_message()
    {
        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([1, 2], PrimitiveSerializer.Id, "I"));
        Assert.Contains("'I'", e.Message);
    }

    [Fact]
    public async Task Serializers_and_bindings_can_be_configured_in_hocon()
    {
        var config = $$"""
            actorbroker.actor {
              serializers {
                my-json = "{{typeof(JsonMessageSerializer).AssemblyQualifiedName}}"
              }
              serialization-bindings {
                "{{typeof(JsonMessage).FullName}}, {{Assembly}}" = my-json
              }
            }
            """;
        await using var system = ActorSystem.Create("configured", config);
        var message = new JsonMessage("configured", 1);
        var payload = system.Serialization.Serialize(message);
        Assert.Equal(JsonMessageSerializer.Id, payload.SerializerId);
        Assert.Equal(message, system.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest));
    }

    [Fact]
    public async Task Bindings_in_hocon_can_name_the_built_in_serializers()
    {
        var config = $$"""
            actorbroker.actor.serialization-bindings {
              "{{typeof(JsonMessage).FullName}}, {{Assembly}}" = json
            }
            """;
        await using var system = ActorSystem.Create("builtin-names", config);
        Assert.Equal(JsonMessageSerializer.Id, system.Serialization.FindSerializerFor(typeof(JsonMessage)).Identifier);
    }

    [Fact]
    public void A_binding_to_an_undeclared_serializer_fails_at_startup()
    {
        var config = $$"""
            actorbroker.actor.serialization-bindings {
              "{{typeof(JsonMessage).FullName}}, {{Assembly}}" = no-such-serializer
            }
            """;
        var e = Assert.Throws<ConfigException>(() => ActorSystem.Create("bad-binding", config));
        Assert.Contains("no-such-serializer", e.Message);
    }

    [Fact]
    public void A_binding_of_an_unknown_type_fails_at_startup_naming_the_type()
    {
        const string config = """
            actorbroker.actor.serialization-bindings {
              "No.Such.Type, Nowhere" = json
            }
            """;
        var e = Assert.Throws<ConfigException>(() => ActorSystem.Create("bad-type", config));
        Assert.Contains("No.Such.Type, Nowhere", e.Message);
    }
}

using System.Runtime.Serialization;
using Xunit.Abstractions;

namespace ActorBroker.Protocol.Tests.Wire;

public class RefusedSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(WireTestConfigs.Remote.WithFallback(ProtocolAkkaSerialization.Config), "refused-serializer", output)
{
    private sealed record NotBound(string Text);

    [Fact]
    public void A_json_frame_naming_a_dangerous_type_is_refused_without_loading_the_type()
    {
        // An assembly nothing here uses: if the refusal resolved the name, it would be loaded afterwards.
        const string manifest = "System.IO.FileSystemWatcher, System.IO.FileSystem.Watcher";
        var json = """{"Path":"/","EnableRaisingEvents":true}"""u8.ToArray();

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(json, 1, manifest));

        Assert.Contains("serializer id 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "System.IO.FileSystem.Watcher");
    }

    [Theory]
    [InlineData(2, "System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData(3, "")]
    public void Frames_for_the_other_type_naming_serializers_are_refused(int serializerId, string manifest)
    {
        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([1, 2, 3], serializerId, manifest));

        Assert.Contains($"serializer id {serializerId}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_binding_fails_to_serialize_instead_of_becoming_json()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new NotBound("x"));

        var error = Assert.Throws<SerializationException>(() => serializer.ToBinary(new NotBound("x")));
        Assert.Contains(nameof(NotBound), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_from_the_wire_is_cut_short_and_stripped_of_control_characters_in_the_error()
    {
        var manifest = "Evil\nType" + new string('x', 10_000);

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([], 1, manifest));

        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 600, error.Message);
    }

    [Fact]
    public void The_serializer_bound_to_object_is_the_refusal_under_json_s_identifier()
    {
        var fallback = Sys.Serialization.FindSerializerForType(typeof(object));

        Assert.IsType<ActorBroker.Protocol.Serialization.Wire.RefusedSerializer>(fallback);
        Assert.Equal(1, fallback.Identifier);
    }
}

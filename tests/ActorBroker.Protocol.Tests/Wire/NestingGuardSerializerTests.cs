using System.Runtime.Serialization;
using ActorBroker.Protocol.Serialization.Wire;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch.SysMsg;
using Xunit.Abstractions;

namespace ActorBroker.Protocol.Tests.Wire;

public class NestingGuardSerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(WireTestConfigs.Remote.WithFallback(ProtocolAkkaSerialization.Config), "nesting-guard", output)
{
    private const int SystemMessageSerializerId = 22;

    [Fact]
    public void A_system_message_naming_a_type_outside_the_listed_ones_is_refused_without_loading_it()
    {
        const string manifest = "System.IO.FileSystemWatcher, System.IO.FileSystem.Watcher";

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize([], SystemMessageSerializerId, manifest));

        Assert.Contains("not a type it reads", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "System.IO.FileSystem.Watcher");
    }

    [Fact]
    public void A_system_message_round_trips_through_the_guard_with_the_manifest_akka_sends()
    {
        var serializer = Assert.IsType<NestingGuardSerializer>(Sys.Serialization.FindSerializerFor(new Terminate()));

        var manifest = serializer.Manifest(new Terminate());

        Assert.Equal("Akka.Dispatch.SysMsg.Terminate, Akka", manifest);
        Assert.IsType<Terminate>(Sys.Serialization.Deserialize(serializer.ToBinary(new Terminate()), SystemMessageSerializerId, manifest));
    }

    [Fact]
    public void Identify_keeps_akka_s_identifier_and_manifest_behind_the_guard()
    {
        var serializer = Assert.IsType<NestingGuardSerializer>(Sys.Serialization.FindSerializerFor(new Identify(1)));

        Assert.Equal(NestedIdentifyFrame.MiscSerializerId, serializer.Identifier);
        Assert.Equal(NestedIdentifyFrame.IdentifyManifest, serializer.Manifest(new Identify(1)));
    }

    [Fact]
    public async Task On_a_system_without_remoting_the_guard_refuses_the_id_it_holds()
    {
        // Akka.Remote's configuration is loaded only with the remote provider: its serializers do not exist here.
        var local = ActorSystem.Create("local-guard", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ProtocolAkkaSerialization.Config));
        try
        {
            var error = Assert.Throws<SerializationException>(() => local.Serialization.Deserialize(NestedIdentifyFrame.Bytes(1), NestedIdentifyFrame.MiscSerializerId, "ID"));
            Assert.Contains("not available in this process", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await local.Terminate();
        }
    }
}

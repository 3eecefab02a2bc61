using System.Runtime.Serialization;
using ActorBroker.Protocol.Serialization.Wire;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Protocol.Tests.Wire;

/// <summary>
/// A plain Akka.NET system on loopback (the attacker, without the project's serializer rules) sends crafted messages
/// to a system that has them; the receiver must drop each one and go on serving the same association.
/// </summary>
public sealed class InboundAttackTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Config AttackerConfig = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.akka-misc = "{{typeof(RawFrameSerializer).FullName}}, {{typeof(RawFrameSerializer).Assembly.GetName().Name}}"
          serialization-bindings { "{{typeof(RawFrame).FullName}}, {{typeof(RawFrame).Assembly.GetName().Name}}" = akka-misc }
        }
        """).WithFallback(WireTestConfigs.Remote);

    private readonly ActorSystem _attacker;
    private readonly TestProbe _probe;
    private readonly string _receiver;

    public InboundAttackTests(ITestOutputHelper output)
        : base(WireTestConfigs.Remote.WithFallback(ProtocolAkkaSerialization.Config), "attacked", output)
    {
        _attacker = ActorSystem.Create("attacker", AttackerConfig);
        _probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Forwarder(_probe.Ref)), "target");
        _receiver = ((ExtendedActorSystem)Sys).Provider.DefaultAddress.ToString();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _attacker.Terminate();

    [Fact]
    public void Identify_nested_deeper_than_the_limit_is_refused_and_shallower_nesting_is_read()
    {
        var deep = NestedIdentifyFrame.Bytes(NestingGuardSerializer.MaxDepth + 1);
        var shallow = NestedIdentifyFrame.Bytes(NestingGuardSerializer.MaxDepth - 1);

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(deep, NestedIdentifyFrame.MiscSerializerId, "ID"));
        Assert.Contains($"nested more than {NestingGuardSerializer.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        Assert.IsType<Identify>(Sys.Serialization.Deserialize(shallow, NestedIdentifyFrame.MiscSerializerId, "ID"));
    }

    [Fact]
    public async Task A_260_KB_frame_of_nested_identify_is_dropped_and_the_association_serves_the_next_message()
    {
        var frame = NestedIdentifyFrame.Bytes(24_000);
        Assert.InRange(frame.Length, 260_000, 1_000_000);

        _attacker.ActorSelection($"{_receiver}/user/target").Tell(new RawFrame(frame, NestedIdentifyFrame.IdentifyManifest));
        _attacker.ActorSelection($"{_receiver}/user/target").Tell("still here");

        Assert.Equal("still here", await _probe.ExpectMsgAsync<string>(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Identify_objects_nested_past_the_limit_go_unanswered_and_a_shallow_identify_is_answered()
    {
        object nested = "innermost";
        for (var i = 0; i < NestingGuardSerializer.MaxDepth + 4; i++) nested = new Identify(nested);
        var plain = ActorSystem.Create("plain-sender", WireTestConfigs.Remote);
        try
        {
            var target = plain.ActorSelection($"{_receiver}/user/target");

            // The target's cell answers Identify itself; a dropped one leaves the asker waiting.
            await Assert.ThrowsAsync<AskTimeoutException>(() => target.Ask<ActorIdentity>(nested, TimeSpan.FromSeconds(2)));
            var answer = await target.Ask<ActorIdentity>(new Identify("shallow"), TimeSpan.FromSeconds(10));
            Assert.Equal("shallow", answer.MessageId);
        }
        finally
        {
            await plain.Terminate();
        }
    }

    [Theory]
    [InlineData("/user/*")]
    [InlineData("/user/targ?t")]
    [InlineData("/user/target/../target")]
    [InlineData("/system/*/../../user/*")]
    public async Task A_selection_with_a_wildcard_or_parent_step_delivers_nothing(string path)
    {
        _attacker.ActorSelection($"{_receiver}{path}").Tell("fan out");
        _attacker.ActorSelection($"{_receiver}/user/target").Tell("by name");

        Assert.Equal("by name", await _probe.ExpectMsgAsync<string>(TimeSpan.FromSeconds(10)));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_json_frame_from_a_peer_is_dropped()
    {
        // The attacker's stock Akka sends a type without a binding as Newtonsoft JSON (id 1) with its type name as manifest.
        _attacker.ActorSelection($"{_receiver}/user/target").Tell(new Unbound("/etc"));
        _attacker.ActorSelection($"{_receiver}/user/target").Tell("after json");

        Assert.Equal("after json", await _probe.ExpectMsgAsync<string>(TimeSpan.FromSeconds(10)));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
    }

    private sealed record Unbound(string Path);

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef probe) => ReceiveAny(message => probe.Forward(message));
    }
}

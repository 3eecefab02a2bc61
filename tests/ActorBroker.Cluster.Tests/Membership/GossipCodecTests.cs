using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Remote;
using static ActorBroker.Cluster.Tests.Membership.Nodes;

namespace ActorBroker.Cluster.Tests.Membership;

public sealed class GossipCodecTests
{
    private static Gossip Rich()
    {
        var local = new UniqueAddress(Address.Local("solo"), -7);
        var gossip = Gossip.Create(
            [
                Up(1, 1, "broker", "controller"),
                Up(2, 2, "broker").Copy(MemberStatus.Leaving),
                Joining(3, "ünïcödé"),
                WithStatus(4, MemberStatus.Exiting, 3),
                Up(5, 4).Copy(MemberStatus.Down),
                Member.Create(local, []),
            ])
            .AddMember(Joining(9))
            .RemoveMember(Node(9), nowMillis: 1_700_000_000_000)
            .WithReachability(Reachability.Empty
                .Unreachable(Node(1), Node(5))
                .Unreachable(Node(1), Node(4))
                .Reachable(Node(1), Node(4))
                .Terminated(Node(2), Node(5)));
        return gossip.Increment(Node(1)).Increment(Node(2)).Seen(Node(3)).Seen(local);
    }

    private static string Describe(Gossip g) => string.Join("\n",
    [
        string.Join(";", g.Members.Select(m => $"{m.UniqueAddress}|{m.Status}|{m.UpNumber}|{string.Join(",", m.Roles.Order(StringComparer.Ordinal))}")),
        string.Join(";", g.SeenBy.Order()),
        string.Join(";", g.Reachability.Records),
        string.Join(";", g.Reachability.Versions.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}")),
        string.Join(";", g.Version.Versions.Select(v => $"{v.Key}={v.Value}")),
        string.Join(";", g.Tombstones.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")),
    ]);

    [Fact]
    public void A_gossip_survives_a_round_trip_intact()
    {
        var gossip = Rich();
        var decoded = GossipCodec.Decode(GossipCodec.Encode(gossip));
        Assert.Equal(Describe(gossip), Describe(decoded));
        Assert.True(decoded.Version.IsSameAs(gossip.Version));
        Assert.Equal(gossip.Convergence(Node(1)), decoded.Convergence(Node(1)));
        Assert.Equal(gossip.Leader(Node(1)), decoded.Leader(Node(1)));
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        var bytes = GossipCodec.Encode(Rich());
        Assert.Equal(bytes, GossipCodec.Encode(GossipCodec.Decode(bytes)));
    }

    [Fact]
    public void The_empty_gossip_survives_a_round_trip()
    {
        var bytes = GossipCodec.Encode(Gossip.Empty);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(Describe(Gossip.Empty), Describe(GossipCodec.Decode(bytes)));
    }

    [Fact]
    public void An_unknown_format_is_rejected_by_number()
    {
        var bytes = GossipCodec.Encode(Rich());
        bytes[0] = 2;
        var e = Assert.Throws<SerializationException>(() => GossipCodec.Decode(bytes));
        Assert.Contains("format 2", e.Message);
    }

    [Fact]
    public void Empty_input_and_trailing_bytes_are_rejected()
    {
        Assert.Throws<SerializationException>(() => GossipCodec.Decode([]));
        var bytes = GossipCodec.Encode(Rich()).Append((byte)0).ToArray();
        var e = Assert.Throws<SerializationException>(() => GossipCodec.Decode(bytes));
        Assert.Contains("unexpected bytes", e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_valid_encoding_is_rejected()
    {
        var bytes = GossipCodec.Encode(Rich());
        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<SerializationException>(() => GossipCodec.Decode(bytes.AsSpan(0, length)));
            Assert.StartsWith("Cannot decode gossip", e.Message);
        }
    }

    [Fact]
    public void A_count_larger_than_the_input_could_hold_is_rejected_before_allocating()
    {
        byte[] bytes = [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        var e = Assert.Throws<SerializationException>(() => GossipCodec.Decode(bytes));
        Assert.Contains("cannot fit", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        // One node whose address is two bytes that are not UTF-8.
        byte[] bytes = [1, 1, 2, 0xC3, 0x28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var e = Assert.Throws<SerializationException>(() => GossipCodec.Decode(bytes));
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Random_bytes_either_decode_or_fail_with_a_serialization_exception()
    {
        var random = new Random(1234);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 160)];
            random.NextBytes(bytes);
            // A valid format byte gets the fuzz past the first check most of the time.
            if (bytes.Length > 0 && random.Next(4) != 0) bytes[0] = 1;
            DecodeOrReject(bytes);
        }
    }

    [Fact]
    public void Corrupted_valid_encodings_either_decode_or_fail_with_a_serialization_exception()
    {
        var valid = GossipCodec.Encode(Rich());
        var random = new Random(99);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++) bytes[random.Next(1, bytes.Length)] = (byte)random.Next(256);
            DecodeOrReject(bytes.AsSpan(0, random.Next(4) == 0 ? random.Next(bytes.Length + 1) : bytes.Length).ToArray());
        }
    }

    private static void DecodeOrReject(byte[] bytes)
    {
        try
        {
            GossipCodec.Decode(bytes);
        }
        catch (SerializationException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"Decoding [{Convert.ToHexString(bytes)}] threw {e.GetType().Name}: {e.Message}");
        }
    }
}
